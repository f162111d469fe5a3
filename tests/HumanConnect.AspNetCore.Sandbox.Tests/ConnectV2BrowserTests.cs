using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.ConnectV2Calls;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Connect v2 in Chromium: a bare host page with a <c>hapi__token-container</c> and the sandbox's own
/// <c>humanapi-connect-client.js</c> opens the hosted v2 page, which connects a source and reports Human API's message
/// objects back as the client's events. The host page is a test fixture on the same app.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class ConnectV2BrowserTests(DebianChromium chromium) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    [Fact]
    public async Task A_click_opens_the_page_once_and_connecting_a_source_emits_connect_then_close_with_the_v2_objects()
    {
        await using var sandbox = await StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");
        var page = await NewPageAsync(sandbox, token);

        await page.ClickAsync("#connect");
        // The overlay now covers the button, so the second click is dispatched on it directly.
        await page.Locator("#connect").DispatchEventAsync("click");
        var frames = await page.Locator("iframe#human-api").CountAsync();
        var src = await page.Locator("iframe#human-api").GetAttributeAsync("src");
        var frame = page.FrameLocator("#human-api");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Connect Starfleet Pharmacy" }).ClickAsync();
        await WaitForEventAsync(page, "connect");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await WaitForEventAsync(page, "close");
        var events = await EventsAsync(page);
        using var access = await TokenAsync(sandbox.Http, "access", "user-1");

        Assert.Equal(1, frames);
        Assert.Equal($"{sandbox.Host.Address}sandbox/hapi-connect?token={token}&mode=auth", src is null ? null : new Uri(sandbox.Host.Address, src).ToString());
        Assert.Equal(["connect", "close"], events.EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.All(events.EnumerateArray(), e => Assert.Equal("object", e.GetProperty("kind").GetString()));
        var connect = events[0].GetProperty("data");
        var close = events[1].GetProperty("data");
        Assert.Equal("hapi-connect-connect-source", connect.GetProperty("type").GetString());
        Assert.Equal("""[{"name":"Starfleet Pharmacy","id":"starfleetpharmacy"}]""", connect.GetProperty("sessionResults").GetProperty("connectedSources").GetRawText());
        Assert.Equal("[]", connect.GetProperty("sessionResults").GetProperty("disconnectedSources").GetRawText());
        Assert.Equal("[]", connect.GetProperty("sessionResults").GetProperty("requestedSources").GetRawText());
        Assert.Equal("""[{"name":"Starfleet Pharmacy","id":"starfleetpharmacy"}]""", connect.GetProperty("currentConnections").GetRawText());
        Assert.Equal("[]", connect.GetProperty("requestedProviders").GetRawText());
        Assert.Equal("hapi-connect-close", close.GetProperty("type").GetString());
        Assert.Equal("SUCCESS", close.GetProperty("status").GetString());
        Assert.Equal(connect.GetProperty("sessionResults").GetRawText(), close.GetProperty("sessionResults").GetRawText());
        Assert.Equal(0, await page.Locator("#human-api, #human-api-connect-modal-overlay").CountAsync());
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
    }

    [Theory]
    [InlineData("missing", "MISSING_SESSION_TOKEN")]
    [InlineData("unknown", "SESSION_TOKEN_INVALID")]
    [InlineData("expired", "SESSION_TOKEN_EXPIRED")]
    public async Task A_token_the_page_cannot_use_is_shown_and_closing_reports_why(string which, string status)
    {
        await using var sandbox = await StartAsync();
        var token = which switch
        {
            "missing" => "",
            "unknown" => "0123456789abcdef0123456789abcdef",
            _ => await SessionTokenAsync(sandbox.Http, "user-1"),
        };
        if (which == "expired")
        {
            sandbox.Time.Advance(HumanApiSandboxDefaults.ConnectTokenLifetime);
        }

        var page = await NewPageAsync(sandbox, token);
        await page.ClickAsync("#connect");
        var frame = page.FrameLocator("#human-api");
        await frame.Locator($"#hc-error[data-error='{status}']").WaitForAsync();
        var shown = await frame.Locator("#hc-error").TextContentAsync();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await WaitForEventAsync(page, "close");
        var events = await EventsAsync(page);

        var close = Assert.Single(events.EnumerateArray()).GetProperty("data");
        Assert.Equal(status, close.GetProperty("status").GetString());
        Assert.Equal("[]", close.GetProperty("sessionResults").GetProperty("connectedSources").GetRawText());
        Assert.False(string.IsNullOrWhiteSpace(shown));
        Assert.Equal(0, await page.Locator("#human-api").CountAsync());
    }

    [Fact]
    public async Task The_client_ignores_messages_that_do_not_come_from_its_frame_and_binds_buttons_added_later()
    {
        await using var sandbox = await StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");
        var page = await NewPageAsync(sandbox, "not-used");

        await page.EvaluateAsync("""
            token => {
              const button = document.createElement('button');
              button.id = 'later';
              button.setAttribute('data-hapi-token', token);
              button.setAttribute('data-hapi-mode', 'select');
              button.setAttribute('data-hapi-base-url', '/sandbox/hapi-connect');
              document.querySelector('.hapi__token-container').append(button);
            }
            """, token);
        await page.ClickAsync("#later");
        await page.FrameLocator("#human-api").GetByRole(AriaRole.Button, new() { Name = "Connect Starfleet Medical" }).WaitForAsync();
        // A listener added now runs after the client's for the same message: once it has seen the forgery, so has the client.
        await page.EvaluateAsync("""
            () => new Promise(resolve => {
              window.addEventListener('message', function seen(event) {
                if (event.data && event.data.forged) { window.removeEventListener('message', seen); resolve(); }
              });
              window.postMessage({ type: 'hapi-connect-close', status: 'SUCCESS', forged: true }, '*');
            })
            """);
        var afterForgery = await EventsAsync(page);
        var src = await page.Locator("iframe#human-api").GetAttributeAsync("src");

        Assert.Empty(afterForgery.EnumerateArray());
        Assert.Contains("mode=select", src, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("iframe#human-api").CountAsync());
    }

    [Fact]
    public async Task Every_token_container_on_the_page_is_bound_and_each_button_opens_Connect_with_its_own_token()
    {
        await using var sandbox = await StartAsync();
        var first = await SessionTokenAsync(sandbox.Http, "user-1");
        var second = await SessionTokenAsync(sandbox.Http, "user-2");
        var late = await SessionTokenAsync(sandbox.Http, "user-3");
        var page = await (await NewContextAsync(sandbox)).NewPageAsync();
        await page.GotoAsync($"/test/v2-two?first={Uri.EscapeDataString(first)}&second={Uri.EscapeDataString(second)}");

        var fromFirst = await OpenAndCloseAsync(page, "#first");
        var fromSecond = await OpenAndCloseAsync(page, "#second");
        // A button of the second container that gains its token after load: that container's own observer binds it.
        await page.Locator("#late").EvaluateAsync("(button, token) => button.setAttribute('data-hapi-token', token)", late);
        var fromLate = await OpenAndCloseAsync(page, "#late");

        Assert.Equal(first, fromFirst);
        Assert.Equal(second, fromSecond);
        Assert.Equal(late, fromLate);
        Assert.Equal(["close", "close", "close"], (await EventsAsync(page)).EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Without_a_token_container_the_client_emits_an_error_string()
    {
        await using var sandbox = await StartAsync();
        var context = await NewContextAsync(sandbox);
        var page = await context.NewPageAsync();

        await page.GotoAsync("/test/v2-bare");
        await WaitForEventAsync(page, "error");
        var events = await EventsAsync(page);

        var error = Assert.Single(events.EnumerateArray());
        Assert.Equal("string", error.GetProperty("kind").GetString());
        Assert.Contains("hapi__token-container", error.GetProperty("data").GetString(), StringComparison.Ordinal);
    }

    private const string Recorder = """
        <script>
        window.events = [];
        ['connect', 'disconnect', 'close', 'error'].forEach(function (name) {
          HumanConnect.on(name, function (data) { window.events.push({ name: name, kind: typeof data, data: data }); });
        });
        </script>
        """;

    private static string HostPage(string token) => $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>v2 host</title>
        <script src="/sandbox/humanapi-connect-client.js"></script>{{Recorder}}</head><body>
        <div class="hapi__token-container">
        <button id="connect" data-hapi-token="{{HtmlEncoder.Default.Encode(token)}}" data-hapi-base-url="/sandbox/hapi-connect">Connect your data</button>
        </div></body></html>
        """;

    /// <summary>Two containers, as a page with a button in its header and another in its body has: one token each.</summary>
    private static string TwoContainerPage(string first, string second) => $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>v2 host, two containers</title>
        <script src="/sandbox/humanapi-connect-client.js"></script>{{Recorder}}</head><body>
        <header class="hapi__token-container">
        <button id="first" data-hapi-token="{{HtmlEncoder.Default.Encode(first)}}" data-hapi-base-url="/sandbox/hapi-connect">Connect</button>
        </header>
        <main><p>Your data sources.</p>
        <div class="hapi__token-container">
        <button id="second" data-hapi-token="{{HtmlEncoder.Default.Encode(second)}}" data-hapi-base-url="/sandbox/hapi-connect">Connect a source</button>
        <button id="late" data-hapi-base-url="/sandbox/hapi-connect">Connect later</button>
        </div></main></body></html>
        """;

    private static readonly string BarePage = $$"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>bare</title>
        <script src="/sandbox/humanapi-connect-client.js"></script>{{Recorder}}</head><body><p>No container.</p></body></html>
        """;

    /// <summary>
    /// Clicks <paramref name="button"/>, waits for the hosted page to show its sources (so the token it was opened with is
    /// one the sandbox knows), closes it, and returns that token as the frame's URL carried it.
    /// </summary>
    private static async Task<string?> OpenAndCloseAsync(IPage page, string button)
    {
        var closes = await page.EvaluateAsync<int>("() => window.events.filter(e => e.name === 'close').length");
        await page.ClickAsync(button);
        // An unbound button does nothing: the frame never comes.
        await Assertions.Expect(page.Locator("iframe#human-api")).ToHaveCountAsync(1);
        var src = await page.Locator("iframe#human-api").GetAttributeAsync("src");
        var frame = page.FrameLocator("#human-api");
        await Assertions.Expect(frame.Locator("#hc-status")).ToHaveTextAsync("Choose a data source to connect.");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).ClickAsync();
        await page.WaitForFunctionAsync("n => window.events.filter(e => e.name === 'close').length > n", closes, new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#human-api")).ToHaveCountAsync(0);
        return src is null ? null : System.Web.HttpUtility.ParseQueryString(new Uri(new Uri("http://host"), src).Query)["token"];
    }

    private static async Task WaitForEventAsync(IPage page, string name) =>
        await page.WaitForFunctionAsync("name => window.events.some(e => e.name === name)", name, new() { Timeout = 10_000 });

    // As a JSON string: Playwright's own JsonElement would carry its "$id" reference markers in every object.
    private static async Task<JsonElement> EventsAsync(IPage page) =>
        JsonDocument.Parse(await page.EvaluateAsync<string>("() => JSON.stringify(window.events)")).RootElement.Clone();

    private async Task<IPage> NewPageAsync(SandboxApp sandbox, string token)
    {
        var page = await (await NewContextAsync(sandbox)).NewPageAsync();
        await page.GotoAsync("/test/v2-host?token=" + Uri.EscapeDataString(token));
        return page;
    }

    private async Task<IBrowserContext> NewContextAsync(SandboxApp sandbox)
    {
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = sandbox.Host.Address.ToString() });
        _contexts.Add(context);
        return context;
    }

    /// <summary>Closes this test's browser contexts: the Chromium is shared by every test in the collection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    private static Task<SandboxApp> StartAsync() => SandboxApp.StartAsync(app =>
    {
        app.MapGet("/test/v2-host", (string? token) => Results.Content(HostPage(token ?? ""), "text/html; charset=utf-8"));
        app.MapGet("/test/v2-two", (string first, string second) => Results.Content(TwoContainerPage(first, second), "text/html; charset=utf-8"));
        app.MapGet("/test/v2-bare", () => Results.Content(BarePage, "text/html; charset=utf-8"));
    });
}
