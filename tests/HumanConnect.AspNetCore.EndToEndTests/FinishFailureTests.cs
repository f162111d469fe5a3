using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>A finish the server refuses is shown to the person, not only logged to the console.</summary>
[Collection(SharedBrowser.Name)]
public sealed class FinishFailureTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task A_finish_that_fails_upstream_shows_an_alert_and_raises_the_problem_as_an_error_event()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Odo");
        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.ConnectAsync("Starfleet Pharmacy");
        await SandboxSwitches.FailNextExchangeAsync(_server.RootUri, 503);

        await session.Connect.Done.ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal("server", error.GetProperty("source").GetString());
        Assert.Equal(502, error.GetProperty("status").GetInt32());
        Assert.Equal("upstream_unavailable", error.GetProperty("code").GetString());
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();
        await Assertions.Expect(session.ErrorAlert).Not.ToBeEmptyAsync();
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(1);
        await Assertions.Expect(session.ConnectButton).ToBeEnabledAsync();
        await session.ScreenshotAsync("finish-failed-alert");

        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");
    }

    [Fact]
    public async Task After_a_failed_exchange_the_same_session_token_can_be_finished_again()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Rom");
        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.ConnectAsync("Starfleet Medical");
        await SandboxSwitches.FailNextExchangeAsync(_server.RootUri, 500);
        await session.Connect.Done.ClickAsync();
        await session.WaitForEventAsync("error");

        // Connect hands the same session token over again (its page posts finish once more): that is a retry, and
        // the sandbox's token survived the faulted exchange, so this one connects.
        await session.RepostFinishAsync();

        await Assertions.Expect(session.Page.Locator("#public-token")).ToBeVisibleAsync();
        Assert.Equal(["/connect/finish", "/connect/finish"], session.EndpointCalls);
    }

    [Fact]
    public async Task A_finish_with_a_tampered_antiforgery_token_is_refused_and_shown()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Quark");
        await BrowserSession.EditButtonConfigAsync(session.ConnectButton, "c.antiforgery.token = 'forged';");
        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.ConnectAsync("Starfleet Medical");

        await session.Connect.Done.ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal(400, error.GetProperty("status").GetInt32());
        Assert.Equal("antiforgery_failed", error.GetProperty("code").GetString());
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();
        Assert.Equal(["/connect/finish"], session.EndpointCalls);
        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");
    }

    public void Dispose() => _server.Dispose();
}
