using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// One browser profile, two people: Human API's script keeps a resumable Connect session in localStorage and never
/// clears it, so human-connect.js must drop it when someone else signs in, and on sign-out.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class SharedBrowserTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task The_next_person_on_the_same_profile_does_not_get_the_previous_persons_session_token()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Ezri Dax");
        await session.OpenAndCloseConnectAsync(session.ConnectButton);
        var ezriSession = await session.LocalStorageAsync("humanapiSessionToken");
        Assert.False(string.IsNullOrEmpty(ezriSession));

        // The same person opening Connect again resumes the session, as Human API intends...
        await session.OpenConnectAsync(session.ConnectButton);
        Assert.Equal(ezriSession, (await session.Connect.QueryAsync())["sessionToken"]);
        await session.Connect.Close.ClickAsync();

        // ...but the next person to sign in at this browser, without a sign-out in between, does not.
        await session.SignInAsync("Nog");
        Assert.Null(await session.LocalStorageAsync("humanapiSessionToken"));
        await session.OpenConnectAsync(session.ConnectButton);
        var query = await session.Connect.QueryAsync();
        Assert.DoesNotContain(ezriSession!, (await session.Connect.SourceAsync()).ToString(), StringComparison.Ordinal);
        Assert.False(query.ContainsKey("sessionToken"), "a fresh Connect session for the new person");

        // The owner is remembered as an opaque hash, never as a name or the clientUserId.
        var owner = await session.LocalStorageAsync("humanconnect:owner");
        Assert.False(string.IsNullOrEmpty(owner));
        var clientUserId = (await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("clientUserId").GetString()!;
        Assert.DoesNotContain("Nog", owner, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(clientUserId, owner, StringComparison.Ordinal);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Signing_out_forgets_the_connect_session()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Rom");
        await session.OpenAndCloseConnectAsync(session.ConnectButton);
        Assert.NotNull(await session.LocalStorageAsync("humanapiSessionToken"));

        await session.SignOutAsync();

        Assert.Null(await session.LocalStorageAsync("humanapiSessionToken"));
        Assert.Null(await session.LocalStorageAsync("humanconnect:owner"));
    }

    [Fact]
    public async Task A_signed_out_page_drops_a_session_left_behind()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Leeta");
        await session.OpenAndCloseConnectAsync(session.ConnectButton);

        // The session cookie goes away without the sign-out form (it expired, or was cleared): the next page load,
        // signed out, still clears what Connect left in localStorage.
        await session.Context.ClearCookiesAsync();
        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();

        Assert.Null(await session.LocalStorageAsync("humanapiSessionToken"));
    }

    public void Dispose() => _server.Dispose();
}
