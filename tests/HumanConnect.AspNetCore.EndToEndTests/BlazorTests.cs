using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// The sample's <c>/blazor</c>: two <c>&lt;HumanConnectButton /&gt;</c>s, prerendered and then interactive on Blazor
/// Server, raising <c>OnConnected</c>, <c>OnClosed</c> and <c>OnError</c> into the page.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class BlazorTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task Create_mode_connects_raises_OnConnected_and_both_buttons_come_back_in_edit_mode()
    {
        await using var session = await OpenBlazorAsync("Benjamin Sisko");
        var button = Button(session);
        await Assertions.Expect(button).ToHaveAttributeAsync("data-human-connect-state", "create");

        await session.OpenConnectAsync(button);
        Assert.False((await session.Connect.QueryAsync()).ContainsKey("publicToken"), "create mode opens Connect without a publicToken");
        await session.Connect.ConnectAsync("Starfleet Pharmacy");
        await session.Connect.Done.ClickAsync();

        var publicToken = (await session.WaitForEventAsync("finish")).GetProperty("publicToken").GetString()!;
        await Assertions.Expect(session.Page.Locator("#blazor-public-token")).ToHaveTextAsync(publicToken);
        await Assertions.Expect(session.Page.Locator("#blazor-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Connected: humanId [0-9a-f]{24}\\.$"));
        foreach (var each in new[] { button, session.ManageSourcesButton })
        {
            await Assertions.Expect(each).ToHaveAttributeAsync("data-human-connect-state", "edit");
            Assert.Equal(publicToken, (await BrowserSession.ButtonConfigAsync(each)).GetProperty("publicToken").GetString());
        }

        Assert.Equal(["/connect/finish"], session.EndpointCalls);
        await session.ScreenshotAsync("blazor-edit-mode");

        // The other button opens edit mode with the new publicToken, without a reload.
        await session.OpenConnectAsync(session.ManageSourcesButton);
        Assert.Equal(publicToken, (await session.Connect.QueryAsync())["publicToken"]);
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await session.Connect.Close.ClickAsync();

        // The server agrees: a fresh render reads edit mode from the store.
        await session.Page.ReloadAsync();
        await WaitUntilInteractiveAsync(session);
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-state", "edit");
        Assert.Equal(publicToken, (await BrowserSession.ButtonConfigAsync(Button(session))).GetProperty("publicToken").GetString());
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Closing_Connect_raises_OnClosed_and_stores_nothing()
    {
        await using var session = await OpenBlazorAsync("Julian Bashir");

        await session.OpenConnectAsync(Button(session));
        await session.Connect.Close.ClickAsync();

        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        await session.WaitForEventAsync("close");
        await Assertions.Expect(session.Page.Locator("#blazor-status")).ToHaveTextAsync("Connect was closed.");
        Assert.Empty(session.EndpointCalls);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_finish_that_fails_upstream_is_shown_to_the_user_and_raises_OnError()
    {
        await using var session = await OpenBlazorAsync("Miles O'Brien");
        await session.OpenConnectAsync(Button(session));
        await session.Connect.ConnectAsync("Starfleet Medical");
        await SandboxSwitches.FailNextExchangeAsync(_server.RootUri, 503);

        await session.Connect.Done.ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal("upstream_unavailable", error.GetProperty("code").GetString());
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();
        await Assertions.Expect(session.ErrorAlert).Not.ToBeEmptyAsync();
        await Assertions.Expect(session.Page.Locator("#blazor-status")).ToHaveTextAsync("Connect failed (upstream_unavailable).");
        await Assertions.Expect(Button(session)).ToBeEnabledAsync();
        await Assertions.Expect(Button(session)).ToHaveAttributeAsync("data-human-connect-state", "create");
        await session.ScreenshotAsync("blazor-finish-failed");
    }

    [Fact]
    public async Task The_page_runs_under_the_strict_csp_with_no_inline_script_and_no_console_error()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Worf");

        var response = await session.Page.GotoAsync("/blazor");
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", policy);
        await WaitUntilInteractiveAsync(session);
        foreach (var script in await session.Page.Locator("script").AllAsync())
        {
            Assert.False(string.IsNullOrEmpty(await script.GetAttributeAsync("src")), "every script is a file, none inline");
        }

        await session.ConnectSourcesInPlaceAsync(Button(session), "#blazor-public-token", "Starfleet Pharmacy");
        await session.OpenConnectAsync(Button(session));
        await session.Connect.Close.ClickAsync();
        await session.WaitForEventAsync("close");

        Assert.Empty(session.Problems);
    }

    public void Dispose() => _server.Dispose();

    private static ILocator Button(BrowserSession session) => session.ConnectButton;

    /// <summary>Waits until the circuit runs and both buttons are attached: before that, a click does nothing.</summary>
    private static async Task WaitUntilInteractiveAsync(BrowserSession session)
    {
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);
        await Assertions.Expect(session.ManageSourcesButton).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);
    }

    private async Task<BrowserSession> OpenBlazorAsync(string userName)
    {
        var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync(userName);
        await session.Page.GotoAsync("/blazor");
        await WaitUntilInteractiveAsync(session);
        return session;
    }
}
