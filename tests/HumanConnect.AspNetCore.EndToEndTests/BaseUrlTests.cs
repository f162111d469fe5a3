using HumanConnect.AspNetCore.TestInfrastructure;
using System.Reflection;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// The options the sample host renders carry <c>_baseURL</c>, pointing at the sandbox's hosted page, so a script
/// with Human API's defaults (and none of the sandbox's extras) still opens the sandbox, and the journey works.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class BaseUrlTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task The_rendered_base_url_is_the_sandbox_hosted_page_and_connect_opens_it()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Reginald Barclay");

        var baseUrl = (await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("_baseURL").GetString();
        Assert.Equal(new Uri(_server.RootUri, "/sandbox").ToString(), baseUrl);

        await session.OpenConnectAsync(session.ConnectButton);
        Assert.StartsWith(baseUrl + "/?", (await session.Connect.SourceAsync()).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sandbox_connect_script_honours_base_url_over_its_own_location()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.Context.RouteAsync("http://elsewhere.test/**", route => route.FulfillAsync(new() { ContentType = "text/html", Body = "<!DOCTYPE html><title>Elsewhere</title>" }));
        await session.SignInAsync("Lewis Zimmerman");

        await session.Page.EvaluateAsync("() => HumanConnect.open({ clientId: 'c', clientUserId: 'a&b', language: 'fr', _baseURL: 'http://elsewhere.test/connect/' })");

        var source = (await session.Connect.SourceAsync()).ToString();
        Assert.StartsWith("http://elsewhere.test/connect/?", source, StringComparison.Ordinal);
        Assert.Contains("clientUserId=a%26b", source, StringComparison.Ordinal);
        Assert.Contains("lang=fr", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_style_connect_script_served_in_place_of_the_sandboxs_drives_the_whole_journey()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        var connect = await ServeLegacyConnectScriptAsync(session);
        await session.SignInAsync("Hugh");

        await session.ConnectButton.ClickAsync();
        await connect.WaitUntilOpenAsync();
        Assert.StartsWith(new Uri(_server.RootUri, "/sandbox/?").ToString(), (await connect.SourceAsync()).ToString(), StringComparison.Ordinal);
        await connect.ConnectAsync("Starfleet Pharmacy");
        await connect.Done.ClickAsync();

        await Assertions.Expect(session.Page.Locator("#public-token")).ToBeVisibleAsync();
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await session.ConnectButton.ClickAsync();
        await connect.WaitUntilOpenAsync();
        await Assertions.Expect(connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await session.ScreenshotAsync("legacy-script-edit-mode");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_double_click_opens_one_connect_even_with_a_script_that_stacks_iframes()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        var connect = await ServeLegacyConnectScriptAsync(session);
        await session.SignInAsync("Icheb");

        // Two clicks in one task, as a fast double-click lands before the overlay covers the button.
        await session.ConnectButton.EvaluateAsync("button => { button.click(); button.click(); }");
        await connect.WaitUntilOpenAsync();

        await Assertions.Expect(connect.Frame).ToHaveCountAsync(1);
        await connect.Close.ClickAsync();
        await Assertions.Expect(connect.Frame).ToHaveCountAsync(0);

        // Closed, the button opens Connect again.
        await session.ConnectButton.ClickAsync();
        await connect.WaitUntilOpenAsync();
        await Assertions.Expect(connect.Frame).ToHaveCountAsync(1);
    }

    /// <summary>Serves the legacy-style script wherever the page asks for the sandbox's connect.js.</summary>
    private static async Task<ConnectDialog> ServeLegacyConnectScriptAsync(BrowserSession session)
    {
        string legacyScript;
        using (var reader = new StreamReader(Assembly.GetExecutingAssembly().GetManifestResourceStream("legacy-connect.js")!))
        {
            legacyScript = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
        }

        await session.Context.RouteAsync("**/sandbox/connect.js*", route => route.FulfillAsync(new() { ContentType = "text/javascript", Body = legacyScript }));
        return new ConnectDialog(session.Page, "iframe.legacy-connect");
    }

    public void Dispose() => _server.Dispose();
}
