using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>Two people in two browser profiles, at the same time, on the same app.</summary>
[Collection(SharedBrowser.Name)]
public sealed class UserIsolationTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task Two_users_in_two_browser_contexts_get_their_own_connect_identity_and_connection()
    {
        await using var alice = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await using var bob = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await alice.SignInAsync("Alice");
        await bob.SignInAsync("Bob");

        var aliceToken = await alice.ConnectSourcesAsync(alice.ConnectButton, "Starfleet Pharmacy");
        var aliceHuman = await alice.Page.Locator("#human-id").TextContentAsync();

        // Bob still starts from create mode, with a clientUserId of his own.
        await bob.Page.ReloadAsync();
        await Microsoft.Playwright.Assertions.Expect(bob.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");
        var aliceConfig = await BrowserSession.ButtonConfigAsync(alice.ConnectButton);
        var bobConfig = await BrowserSession.ButtonConfigAsync(bob.ConnectButton);
        Assert.NotEqual(aliceConfig.GetProperty("clientUserId").GetString(), bobConfig.GetProperty("clientUserId").GetString());
        Assert.False(bobConfig.TryGetProperty("publicToken", out var bobPublic) && bobPublic.GetString() is { Length: > 0 });

        var bobToken = await bob.ConnectSourcesAsync(bob.ConnectButton, "Starfleet Medical");
        var bobHuman = await bob.Page.Locator("#human-id").TextContentAsync();

        Assert.NotEqual(aliceHuman, bobHuman);
        Assert.NotEqual(aliceToken, bobToken);
        await alice.Page.ReloadAsync();
        Assert.Equal(aliceToken, await alice.StoredPublicTokenAsync());
        await Microsoft.Playwright.Assertions.Expect(alice.Page.Locator("#human-id")).ToHaveTextAsync(aliceHuman!);

        // Each sees only their own sources in edit mode.
        await alice.OpenConnectAsync(alice.ConnectButton);
        await Microsoft.Playwright.Assertions.Expect(alice.Connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(alice.Connect.ConnectButton("Starfleet Medical")).ToBeVisibleAsync();
        await bob.OpenConnectAsync(bob.ConnectButton);
        await Microsoft.Playwright.Assertions.Expect(bob.Connect.DisconnectButton("Starfleet Medical")).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(bob.Connect.ConnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await alice.ScreenshotAsync("isolation-alice");
        await bob.ScreenshotAsync("isolation-bob");
        Assert.Empty(alice.Problems);
        Assert.Empty(bob.Problems);
    }

    public void Dispose() => _server.Dispose();
}
