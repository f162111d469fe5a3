using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>A person who connected before: the lost-connection error Human API raises, and the publicToken auto-heal.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReturningUserTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task A_lost_connection_opens_create_mode_and_surfaces_user_already_exists_to_the_person()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Benjamin Sisko");
        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy");

        // The app forgets everything it stored, but Human API still knows the clientUserId.
        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Forget the whole connection" }).ClickAsync();
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");
        await session.ConnectButton.ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal("USER_ALREADY_EXISTS", error.GetProperty("code").GetString());
        Assert.Equal("User Already Exists", error.GetProperty("message").GetString());
        Assert.Contains("publicToken", error.GetProperty("detailedMessage").GetString(), StringComparison.Ordinal);
        await Assertions.Expect(session.Connect.Error).ToContainTextAsync("User Already Exists");
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();
        await Assertions.Expect(session.ErrorAlert).ToContainTextAsync("User Already Exists");
        await session.ScreenshotAsync("returning-user-already-exists");
        Assert.Equal(["/connect/finish"], session.EndpointCalls); // the first connect's, none since
    }

    [Fact]
    public async Task A_lost_public_token_is_fetched_again_before_render_so_connect_opens_in_edit_mode()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Jadzia Dax");
        var original = await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Medical");
        var humanId = await session.Page.Locator("#human-id").TextContentAsync();

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Forget the publicToken" }).ClickAsync();

        // The button read the humanId, asked publictokens for a fresh publicToken, stored it, and rendered edit mode.
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        var healed = (await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("publicToken").GetString();
        Assert.False(string.IsNullOrEmpty(healed));
        await Assertions.Expect(session.Page.Locator("#public-token")).ToHaveTextAsync(healed!);
        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.Locator("#public-token")).ToHaveTextAsync(healed!);
        await Assertions.Expect(session.Page.Locator("#human-id")).ToHaveTextAsync(humanId!);

        await session.OpenConnectAsync(session.ConnectButton);
        Assert.Equal(healed, (await session.Connect.QueryAsync())["publicToken"]);
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Medical")).ToBeVisibleAsync();
        await session.ScreenshotAsync("returning-user-healed-edit-mode");
        Assert.DoesNotContain(await session.EventsAsync(), e => e.Type == "error");
        Assert.NotEqual(original, healed);
        Assert.Empty(session.Problems);
    }

    public void Dispose() => _server.Dispose();
}
