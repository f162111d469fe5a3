using HumanConnect.AspNetCore.TestInfrastructure;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The sandbox's browser scripts run in Chromium: the store.js stand-in Human API's legacy script loads, the spinner,
/// and the hosted page's handling of answers it cannot use. The host pages here are test fixtures on the same app.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class PageScriptTests(DebianChromium chromium) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    private const string StorePage = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>store</title>
        <script src="/sandbox/store.min.js"></script></head><body></body></html>
        """;

    // Opaque origin (no allow-same-origin): localStorage throws there, as in some privacy modes.
    private const string SandboxedStorePage = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>sandboxed</title></head><body>
        <iframe sandbox="allow-scripts" src="/test/store-inner"></iframe></body></html>
        """;

    private const string StoreInnerPage = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><script src="/sandbox/store.min.js"></script></head><body>
        <script>
        var result = { enabled: store.enabled, disabled: store.disabled };
        try { result.setReturns = store.set('k', { a: 1 }); result.get = store.get('k', 'fallback'); store.remove('k'); store.clear(); result.threw = false; }
        catch (e) { result.threw = true; }
        parent.postMessage(JSON.stringify(result), '*');
        </script></body></html>
        """;

    private const string HostPage = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>host</title>
        <script src="/sandbox/connect.js"></script></head><body></body></html>
        """;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_min_js_is_store_js_compatible_over_local_storage()
    {
        await using var sandbox = await StartAsync();
        var page = await NewPageAsync(sandbox);
        await page.GotoAsync("/test/store");

        var result = await page.EvaluateAsync<JsonElement>("""
            () => {
              const r = {};
              r.enabled = store.enabled;
              store.clear();
              r.setReturns = store.set('obj', { a: 1, b: [true, null, 'x'] });
              r.raw = localStorage.getItem('obj');
              r.obj = store.get('obj');
              store.set('zero', 0);
              r.zero = store.get('zero');
              localStorage.setItem('humanapiSessionToken', 'abcdef0123');
              r.plain = store.get('humanapiSessionToken');
              r.missingIsUndefined = store.get('missing') === undefined;
              r.fallback = store.get('missing', 'fallback');
              r.has = [store.has('obj'), store.has('missing')];
              store.remove('obj');
              r.removed = localStorage.getItem('obj') === null && store.get('obj') === undefined;
              store.set('zero', undefined);
              r.setUndefinedRemoves = localStorage.getItem('zero') === null;
              store.set('count', 1);
              store.transact('count', function (value) { return value; });
              r.all = store.getAll();
              store.clear();
              r.afterClear = localStorage.length;
              return r;
            }
            """);

        Assert.True(result.GetProperty("enabled").GetBoolean());
        Assert.Equal(1, result.GetProperty("setReturns").GetProperty("a").GetInt32());
        Assert.Equal("""{"a":1,"b":[true,null,"x"]}""", result.GetProperty("raw").GetString());
        Assert.Equal("x", result.GetProperty("obj").GetProperty("b")[2].GetString());
        Assert.Equal(0, result.GetProperty("zero").GetInt32());
        Assert.Equal("abcdef0123", result.GetProperty("plain").GetString());
        Assert.True(result.GetProperty("missingIsUndefined").GetBoolean());
        Assert.Equal("fallback", result.GetProperty("fallback").GetString());
        Assert.Equal([true, false], result.GetProperty("has").EnumerateArray().Select(value => value.GetBoolean()));
        Assert.True(result.GetProperty("removed").GetBoolean());
        Assert.True(result.GetProperty("setUndefinedRemoves").GetBoolean());
        Assert.Equal(1, result.GetProperty("all").GetProperty("count").GetInt32());
        Assert.Equal(0, result.GetProperty("afterClear").GetInt32());
    }

    [Fact]
    public async Task Store_min_js_without_local_storage_is_disabled_and_never_throws()
    {
        await using var sandbox = await StartAsync();
        var page = await NewPageAsync(sandbox);
        var message = page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.StartsWith("store:", StringComparison.Ordinal), Timeout = 10_000 });
        await page.AddInitScriptAsync("window.addEventListener('message', e => console.log('store:' + e.data));");
        await page.GotoAsync("/test/store-sandboxed");

        var result = JsonDocument.Parse((await message).Text["store:".Length..]).RootElement;

        Assert.False(result.GetProperty("enabled").GetBoolean());
        Assert.True(result.GetProperty("disabled").GetBoolean());
        Assert.False(result.GetProperty("threw").GetBoolean());
        Assert.Equal("fallback", result.GetProperty("get").GetString());
    }

    [Fact]
    public async Task The_spinner_decodes_as_an_image()
    {
        await using var sandbox = await StartAsync();
        var page = await NewPageAsync(sandbox);
        await page.GotoAsync("/test/store");

        var size = await page.EvaluateAsync<int[]>("""
            async () => {
              const image = new Image();
              image.src = '/sandbox/spinner.gif';
              await image.decode();
              return [image.naturalWidth, image.naturalHeight];
            }
            """);

        Assert.Equal([16, 16], size);
    }

    [Theory]
    [InlineData(200, "{\"sessionToken\":", "CONNECT_UNAVAILABLE", "Connect Unavailable")]
    [InlineData(200, "null", "CONNECT_UNAVAILABLE", "Connect Unavailable")]
    [InlineData(200, "{}", "CONNECT_UNAVAILABLE", "Connect Unavailable")]
    [InlineData(200, "[1,2]", "CONNECT_UNAVAILABLE", "Connect Unavailable")]
    [InlineData(409, "{\"code\":\"ONLY_A_MESSAGE\",\"message\":\"Only A Message\"}", "ONLY_A_MESSAGE", "Only A Message")]
    [InlineData(400, "{\"code\":\"ONLY_A_CODE\"}", "ONLY_A_CODE", "Connect Unavailable")]
    public async Task An_open_answer_the_page_cannot_use_is_a_complete_hapi_connect_error(int status, string body, string code, string message)
    {
        await using var sandbox = await StartAsync();
        var page = await NewPageAsync(sandbox);
        await page.RouteAsync("**/sandbox/v1/ui/open", route => route.FulfillAsync(new() { Status = status, ContentType = "application/json", Body = body }));
        await page.GotoAsync("/test/host");

        var error = await OpenAndWaitForErrorAsync(page);
        var shown = await page.FrameLocator("iframe[title='Human Connect']").Locator("#hc-error").TextContentAsync();

        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.String, error.GetProperty("detailedMessage").ValueKind);
        Assert.StartsWith(message, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("undefined", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("null", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_done_answer_that_does_not_parse_is_connect_unavailable_not_a_type_error()
    {
        await using var sandbox = await StartAsync();
        var page = await NewPageAsync(sandbox);
        await page.GotoAsync("/test/host");
        await page.EvaluateAsync(OpenScript);
        var frame = page.FrameLocator("iframe[title='Human Connect']");
        await frame.GetByRole(AriaRole.Button, new() { Name = "Connect Starfleet Pharmacy" }).ClickAsync();
        await frame.GetByRole(AriaRole.Button, new() { Name = "Disconnect Starfleet Pharmacy" }).WaitForAsync();
        await page.RouteAsync("**/sandbox/v1/ui/done", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = "{\"finished\":" }));

        await frame.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        var error = await WaitForErrorAsync(page);

        Assert.Equal("CONNECT_UNAVAILABLE", error.GetProperty("code").GetString());
        Assert.Contains("unreadable", error.GetProperty("detailedMessage").GetString(), StringComparison.Ordinal);
    }

    private const string OpenScript = """
        () => {
          window.connectEvents = [];
          HumanConnect.open({
            clientId: '85a8c1af233b29386954fb452f26033c3608c9bd',
            clientUserId: 'user-1',
            finish: function (err, token) { connectEvents.push({ type: 'finish', token: token }); },
            close: function () { connectEvents.push({ type: 'close' }); },
            error: function (error) { connectEvents.push({ type: 'error', error: error }); }
          });
        }
        """;

    private static async Task<JsonElement> OpenAndWaitForErrorAsync(IPage page)
    {
        await page.EvaluateAsync(OpenScript);
        return await WaitForErrorAsync(page);
    }

    /// <summary>Waits (bounded) for the host page's error callback: without one the page broke silently.</summary>
    private static async Task<JsonElement> WaitForErrorAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.connectEvents.some(e => e.type === 'error')", null, new() { Timeout = 10_000 });
        var events = await page.EvaluateAsync<JsonElement>("() => window.connectEvents");
        return events.EnumerateArray().First(e => e.GetProperty("type").GetString() == "error").GetProperty("error");
    }

    private async Task<IPage> NewPageAsync(SandboxApp sandbox)
    {
        var context = await chromium.Browser.NewContextAsync(new() { BaseURL = sandbox.Host.Address.ToString() });
        _contexts.Add(context);
        return await context.NewPageAsync();
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
        app.MapGet("/test/store", () => Results.Content(StorePage, "text/html; charset=utf-8"));
        app.MapGet("/test/store-sandboxed", () => Results.Content(SandboxedStorePage, "text/html; charset=utf-8"));
        app.MapGet("/test/store-inner", () => Results.Content(StoreInnerPage, "text/html; charset=utf-8"));
        app.MapGet("/test/host", () => Results.Content(HostPage, "text/html; charset=utf-8"));
    });
}
