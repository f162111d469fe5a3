using HumanConnect.AspNetCore.TestInfrastructure;
using System.Text.Json;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// The hosted Connect page and connect.js speak Human API's legacy postMessage protocol (JSON strings with a type),
/// and connect.js listens only to the page it opened: its origin and its window.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class PostMessageProtocolTests(DebianChromium browser) : IDisposable
{
    private const string ForeignOrigin = "http://foreign.test";
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task Open_carries_the_session_token_which_connect_js_keeps_and_close_removes_the_iframe()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Miles O'Brien");

        await session.OpenConnectAsync(session.ConnectButton);

        var open = await MessageAsync(session, "hapi-connect-open");
        var sessionToken = open.GetProperty("token").GetProperty("sessionToken").GetString();
        Assert.False(string.IsNullOrEmpty(sessionToken));
        Assert.Equal(sessionToken, await session.LocalStorageAsync("humanapiSessionToken"));
        Assert.Equal(_server.RootUri.GetLeftPart(UriPartial.Authority), await session.Page.EvaluateAsync<string>(
            "() => window.__humanConnectTest.messages.find(m => m.data && JSON.parse(m.data).type === 'hapi-connect-open').origin"));
        await Assertions.Expect(session.Connect.Frame).ToHaveCSSAsync("position", "fixed");
        await Assertions.Expect(session.Connect.Frame).ToHaveCSSAsync("z-index", "99999");

        await session.Connect.Close.ClickAsync();

        await MessageAsync(session, "hapi-connect-close");
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        await session.WaitForEventAsync("close");
    }

    [Fact]
    public async Task Finish_carries_the_session_token_object_and_hides_the_iframe()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Keiko O'Brien");
        await session.StayOnFinishAsync();
        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.ConnectAsync("Starfleet Pharmacy");

        await session.Connect.Done.ClickAsync();

        var token = (await MessageAsync(session, "hapi-connect-finish")).GetProperty("token");
        Assert.Equal(
            (await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("clientId").GetString(),
            token.GetProperty("clientId").GetString());
        Assert.Matches("^[0-9a-f]{24}$", token.GetProperty("humanId").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("sessionToken").GetString()));
        var finished = await session.WaitForEventAsync("finish");
        Assert.Equal(token.GetProperty("humanId").GetString(), finished.GetProperty("humanId").GetString());
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(1);
        await Assertions.Expect(session.Connect.Frame).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Error_carries_code_message_and_detailed_message_for_a_stale_public_token()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Julian Bashir");
        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Medical");
        await BrowserSession.EditButtonConfigAsync(session.ConnectButton, "c.publicToken = 'stale0000000000000000000000000000';");

        await session.ConnectButton.ClickAsync();

        var error = (await MessageAsync(session, "hapi-connect-error")).GetProperty("error");
        Assert.Equal("INVALID_PUBLIC_TOKEN", error.GetProperty("code").GetString());
        Assert.Equal("Invalid Public Token", error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("detailedMessage").GetString()));
        var raised = await session.WaitForEventAsync("error");
        Assert.Equal("INVALID_PUBLIC_TOKEN", raised.GetProperty("code").GetString());
        Assert.Equal("connect", raised.GetProperty("source").GetString());
        await Assertions.Expect(session.ErrorAlert).ToContainTextAsync("Invalid Public Token");
    }

    [Fact]
    public async Task Messages_the_host_window_posts_to_itself_are_ignored()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Kira Nerys");
        await session.OpenConnectAsync(session.ConnectButton);
        var sessionToken = await session.LocalStorageAsync("humanapiSessionToken");

        // Same origin as the hosted page (the sandbox is mounted in the sample host), but not its window.
        await session.Page.EvaluateAsync("messages => messages.forEach(m => window.postMessage(m, '*'))", ForgedMessages());
        await session.Page.WaitForFunctionAsync("() => window.__humanConnectTest.messages.some(m => m.data === '\"sentinel\"')");

        await AssertIgnoredAsync(session, sessionToken);
    }

    [Fact]
    public async Task Messages_from_another_origin_in_the_connect_iframe_are_ignored_while_the_hosted_page_is_heard()
    {
        // The host page's CSP would refuse to frame the foreign origin; bypassing it is what lets the test put a
        // hostile page in connect.js's own iframe, so that only the origin check stands between it and the callbacks.
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri, new BrowserNewContextOptions { BypassCSP = true });
        await session.Context.RouteAsync(ForeignOrigin + "/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"<!DOCTYPE html><title>Foreign</title><script>{string.Join(' ', ForgedMessages().Select(m => $"parent.postMessage({JsonSerializer.Serialize(m)}, '*');"))}</script>",
        }));
        await session.SignInAsync("Elim Garak");
        await session.OpenConnectAsync(session.ConnectButton);
        var hostedPage = await session.Connect.SourceAsync();
        var sessionToken = await session.LocalStorageAsync("humanapiSessionToken");

        var frame = await session.Connect.FrameAsync();
        await frame.GotoAsync(ForeignOrigin + "/forge");
        await session.Page.WaitForFunctionAsync(
            "origin => window.__humanConnectTest.messages.some(m => m.data === '\"sentinel\"' && m.origin === origin)", ForeignOrigin);

        await AssertIgnoredAsync(session, sessionToken);

        // The same window, back on the hosted page's origin, is listened to again: its Close closes.
        await session.Connect.Frame.EvaluateAsync("(frame, url) => { frame.src = url; }", hostedPage.ToString());
        await session.Connect.WaitUntilOpenAsync();
        await session.Connect.Close.ClickAsync();
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        await session.WaitForEventAsync("close");
    }

    private static string[] ForgedMessages() =>
    [
        """{"type":"hapi-connect-open","token":{"sessionToken":"forged-session"}}""",
        """{"type":"hapi-connect-error","error":{"code":"FORGED","message":"Forged","detailedMessage":"forged"}}""",
        """{"type":"hapi-connect-finish","token":{"humanId":"000000000000000000000000","clientId":"forged","sessionToken":"forged-session"}}""",
        """{"type":"hapi-connect-close"}""",
        "\"sentinel\"",
    ];

    private static async Task AssertIgnoredAsync(BrowserSession session, string? sessionToken)
    {
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(1);
        await Assertions.Expect(session.Connect.Frame).ToBeVisibleAsync();
        Assert.Empty(await session.EventsAsync());
        Assert.Empty(session.EndpointCalls);
        Assert.Equal(sessionToken, await session.LocalStorageAsync("humanapiSessionToken"));
        await Assertions.Expect(session.ErrorAlert).ToHaveCountAsync(0);
    }

    private static async Task<JsonElement> MessageAsync(BrowserSession session, string type)
    {
        var found = await session.Page.WaitForFunctionAsync(
            "type => window.__humanConnectTest.messages.map(m => m.data).find(d => { try { return JSON.parse(d).type === type; } catch { return false; } })",
            type);
        var data = await found.JsonValueAsync<string>();
        return JsonDocument.Parse(data).RootElement.Clone();
    }

    public void Dispose() => _server.Dispose();
}
