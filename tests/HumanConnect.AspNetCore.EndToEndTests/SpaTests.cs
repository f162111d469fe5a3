using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// The sample's <c>/spa</c>: plain HTML and one module, on <c>GET /connect/options</c> and the browser API alone
/// (<c>human-connect.mjs</c>'s <c>attach</c>), staying on the page after a connect.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class SpaTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task Create_mode_connects_and_the_page_comes_back_in_edit_mode_without_a_reload()
    {
        await using var session = await OpenSpaAsync("Jadzia Dax");
        var button = Button(session);
        await Assertions.Expect(button).ToHaveAttributeAsync("data-human-connect-state", "create");
        await Assertions.Expect(session.Page.Locator("#spa-status")).ToHaveTextAsync("Not connected yet: connect a data source.");

        await session.OpenConnectAsync(button);
        var query = await session.Connect.QueryAsync();
        Assert.False(query.ContainsKey("publicToken"), "create mode opens Connect without a publicToken");
        await session.Connect.ConnectAsync("Starfleet Pharmacy");
        await session.Connect.Done.ClickAsync();

        var publicToken = (await session.WaitForEventAsync("finish")).GetProperty("publicToken").GetString()!;
        await Assertions.Expect(button).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await Assertions.Expect(session.Page.Locator("#spa-public-token")).ToHaveTextAsync(publicToken);
        Assert.Equal(["/connect/finish"], session.EndpointCalls);
        await session.ScreenshotAsync("spa-edit-mode");

        await session.OpenConnectAsync(button);
        Assert.Equal(publicToken, (await session.Connect.QueryAsync())["publicToken"]);
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();

        // The server agrees: a fresh load asks the options endpoint, which answers edit mode.
        await session.Page.ReloadAsync();
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await Assertions.Expect(session.Page.Locator("#spa-public-token")).ToHaveTextAsync(publicToken);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Closing_Connect_raises_close_and_stores_nothing()
    {
        await using var session = await OpenSpaAsync("Kira Nerys");

        await session.OpenConnectAsync(Button(session));
        await session.Connect.Close.ClickAsync();

        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        await session.WaitForEventAsync("close");
        await Assertions.Expect(session.Page.Locator("#spa-status")).ToHaveTextAsync("Connect was closed.");
        await session.Page.ReloadAsync();
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-state", "create");
        Assert.Empty(session.EndpointCalls);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_finish_that_fails_upstream_is_shown_to_the_user()
    {
        await using var session = await OpenSpaAsync("Elim Garak");
        await session.OpenConnectAsync(Button(session));
        await session.Connect.ConnectAsync("Starfleet Medical");
        await SandboxSwitches.FailNextExchangeAsync(_server.RootUri, 503);

        await session.Connect.Done.ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal("upstream_unavailable", error.GetProperty("code").GetString());
        Assert.Equal(502, error.GetProperty("status").GetInt32());
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();
        await Assertions.Expect(session.ErrorAlert).Not.ToBeEmptyAsync();
        await Assertions.Expect(Button(session)).ToBeEnabledAsync();
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-state", "create");
        await session.ScreenshotAsync("spa-finish-failed");
    }

    [Fact]
    public async Task A_repeated_finish_for_one_session_token_is_exchanged_once()
    {
        await using var session = await OpenSpaAsync("Quark");
        await session.OpenConnectAsync(Button(session));
        await session.Connect.ConnectAsync("Starfleet Medical");
        await session.Connect.Done.ClickAsync();
        await session.WaitForEventAsync("finish");

        // The hidden hosted page posts the same finish again: the browser API's guard is the button's.
        await session.RepostFinishAsync();

        Assert.Equal(["/connect/finish"], session.EndpointCalls);
        Assert.Single(await session.EventsAsync(), e => e.Type == "finish");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Open_starts_Connect_from_the_options_alone_and_another_schema_is_refused()
    {
        await using var session = await OpenSpaAsync("Rom");

        var refused = await session.Page.EvaluateAsync<bool>(
            "() => window.HumanConnectAspNetCore.open({ schema: 'human-connect-options/2', state: 'create' })");
        var error = await session.WaitForEventAsync("error");
        var opened = await session.Page.EvaluateAsync<bool>(
            "async () => window.HumanConnectAspNetCore.open(await (await fetch('connect/options')).json())");
        await session.Connect.WaitUntilOpenAsync();
        await session.Connect.Close.ClickAsync();

        Assert.False(refused);
        Assert.Equal("invalid_config", error.GetProperty("code").GetString());
        Assert.True(opened);
        await session.WaitForEventAsync("close");
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task When_Connects_script_cannot_load_the_user_is_told_and_a_later_click_loads_it()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Morn");
        var blocked = true;
        await session.Context.RouteAsync("**/sandbox/connect.js*", route => blocked ? route.FulfillAsync(new() { Status = 503 }) : route.ContinueAsync());
        await session.Page.GotoAsync("/spa");
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);

        await Button(session).ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal("connect_unavailable", error.GetProperty("code").GetString());
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();

        blocked = false;
        await session.OpenConnectAsync(Button(session));
        await Assertions.Expect(session.ErrorAlert).ToBeHiddenAsync();
    }

    [Fact]
    public async Task The_page_runs_under_the_strict_csp_with_no_inline_script_and_no_console_error()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Ezri Dax");

        var response = await session.Page.GotoAsync("/spa");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", policy);
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);
        foreach (var script in await session.Page.Locator("script").AllAsync())
        {
            Assert.False(string.IsNullOrEmpty(await script.GetAttributeAsync("src")), "every script is a file, none inline");
        }

        await session.ConnectSourcesInPlaceAsync(Button(session), "#spa-public-token", "Starfleet Pharmacy");
        await session.OpenConnectAsync(Button(session));
        await session.Connect.Close.ClickAsync();
        await session.WaitForEventAsync("close");

        Assert.Empty(session.Problems);
    }

    public void Dispose() => _server.Dispose();

    private static ILocator Button(BrowserSession session) => session.Page.Locator("#connect-health-data");

    private async Task<BrowserSession> OpenSpaAsync(string userName)
    {
        var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync(userName);
        await session.Page.GotoAsync("/spa");

        // The module has fetched the options and attached the button.
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);
        return session;
    }
}
