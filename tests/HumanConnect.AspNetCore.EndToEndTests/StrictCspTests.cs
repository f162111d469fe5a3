using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>The integration needs no inline script: the journey runs under the sample's strict CSP without a violation.</summary>
[Collection(SharedBrowser.Name)]
public sealed class StrictCspTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task The_journey_runs_under_a_nonce_based_csp_without_unsafe_inline_and_without_console_errors()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Worf");

        var response = await session.Page.ReloadAsync();
        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+'", policy);
        var scripts = session.Page.Locator("script");
        foreach (var script in await scripts.AllAsync())
        {
            Assert.False(string.IsNullOrEmpty(await script.GetAttributeAsync("src")), "every script is a file, none inline");
        }

        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy");
        await session.OpenConnectAsync(session.ManageSourcesButton);
        await session.Connect.Close.ClickAsync();
        await session.WaitForEventAsync("close");

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task The_journey_runs_under_script_src_self_and_the_connect_host_alone_without_nonces()
    {
        // The policy the README promises is enough: no nonce, no unsafe-inline. The sandbox is this app, so the
        // Connect host is 'self'. Every page's policy is replaced on its way to the browser.
        const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.Context.RouteAsync(_server.RootUri + "**", async route =>
        {
            if (route.Request.ResourceType != "document")
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase) { ["content-security-policy"] = Policy };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        await session.SignInAsync("Data");

        var page = await session.Page.ReloadAsync();
        Assert.Equal(Policy, await page!.HeaderValueAsync("content-security-policy"));
        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Medical");
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");

        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task The_recorder_would_see_a_csp_violation()
    {
        // Guards the test above: an inline script on the page is blocked and reported as a problem.
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.Page.GotoAsync("/signin");

        await session.Page.RunAndWaitForConsoleMessageAsync(
            () => session.Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineRan = true'; document.body.append(s); }"),
            new() { Predicate = message => message.Text.StartsWith("CSP violation", StringComparison.Ordinal) });

        Assert.Contains(session.Problems, problem => problem.Contains("CSP violation: script-src", StringComparison.Ordinal));
        Assert.False(await session.Page.EvaluateAsync<bool>("() => window.inlineRan === true"));
    }

    public void Dispose() => _server.Dispose();
}
