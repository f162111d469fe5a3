using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// <c>&lt;human-connect-disconnect&gt;</c> and <c>human-connect-disconnect.js</c> in headless Chromium, on a page whose
/// policy forbids inline script: a click disconnects the user through the sandbox and the page comes back with the
/// Connect button in create mode; a failure is shown and nothing is removed.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DisconnectControlBrowserTests(DebianChromium chromium) : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_click_disconnects_through_the_sandbox_and_the_page_reloads_into_create_mode()
    {
        await using var app = await StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var humanId = (await app.StoredTokensOf(TestData.Alice))!.HumanId;
        var (page, problems) = await OpenAsync(app, TestData.Alice);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await Assertions.Expect(page.Locator("button[data-human-connect-state]")).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await page.EvaluateAsync("() => localStorage.setItem('humanapiSessionToken', 'left-behind')");

        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();

        await Assertions.Expect(page.Locator("button[data-human-connect-state]")).ToHaveAttributeAsync("data-human-connect-state", "create");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" })).ToHaveCountAsync(0);
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('humanapiSessionToken')"));
        Assert.Null(await app.StoredTokensOf(TestData.Alice));
        using var atHumanApi = await app.AppsAsync(HttpMethod.Get, humanId);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, atHumanApi.StatusCode);
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_failure_is_shown_next_to_the_control_raised_as_an_event_and_nothing_is_removed()
    {
        await using var app = await StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var (page, problems) = await OpenAsync(app, TestData.Alice);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.EvaluateAsync("() => document.addEventListener('humanconnect:error', e => { window.lastError = e.detail; })");
        app.Faults.InjectFault(SandboxEndpoint.ApplicationApi, SandboxFault.ServerError(503));

        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Human API is unavailable.");
        Assert.Equal("upstream_unavailable", await page.EvaluateAsync<string>("() => window.lastError.code"));
        Assert.Equal(502, await page.EvaluateAsync<int>("() => window.lastError.status"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" })).ToBeEnabledAsync();
        Assert.NotNull(await app.StoredTokensOf(TestData.Alice));

        // The browser reports the failed POST itself; nothing else may go wrong (a CSP violation, a script error).
        Assert.All(problems, problem => Assert.Contains("status of 502", problem, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Declining_the_confirmation_sends_nothing()
    {
        await using var app = await StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var (page, problems) = await OpenAsync(app, TestData.Alice);
        var requests = 0;
        page.Request += (_, request) => requests += request.Url.Contains("/connect/disconnect", StringComparison.Ordinal) ? 1 : 0;
        var asked = new TaskCompletionSource<string>();
        page.Dialog += (_, dialog) =>
        {
            asked.TrySetResult(dialog.Message);
            dialog.DismissAsync();
        };

        await page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();

        Assert.Equal("Stop sharing your health data?", await asked.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
        Assert.Equal(0, requests);
        Assert.NotNull(await app.StoredTokensOf(TestData.Alice));
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }
    }

    private static Task<LibraryApp> StartAsync() => LibraryApp.StartAsync(map: app =>
    {
        app.MapGet("/test/disconnect-page", RenderPageAsync);
        app.MapGet("/favicon.ico", () => Results.NoContent());

        // The Razor class library's static assets are not served by this bare test host: serve the scripts from
        // the library's own wwwroot, as the RCL would.
        app.MapGet("/_content/HumanConnect.AspNetCore/{file}", (string file) =>
            file is "human-connect.js" or "human-connect-finish.js" or "human-connect-disconnect.js"
                ? Results.File(Path.Combine(LibraryWebRoot(), file), "text/javascript")
                : Results.NotFound());
    });

    /// <summary>Opens the page signed in as <paramref name="localUserId"/>; console errors and CSP violations are collected.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(LibraryApp app, string localUserId)
    {
        var context = await chromium.Browser.NewContextAsync(new()
        {
            BaseURL = app.Host.Address.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.UserHeader] = localUserId },
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        await page.GotoAsync("/test/disconnect-page");
        return (page, problems);
    }

    /// <summary>A page with the Connect button and the disconnect control, rendered by the public tag helpers, under a policy that allows no inline script.</summary>
    private static async Task RenderPageAsync(HttpContext context)
    {
        var view = new ViewContext { HttpContext = context };
        var button = await RenderAsync(new HumanConnectButtonTagHelper { ViewContext = view }, "human-connect-button", "Connect");
        var disconnect = await RenderAsync(
            new HumanConnectDisconnectTagHelper { ViewContext = view, Confirm = "Stop sharing your health data?" }, "human-connect-disconnect", "Disconnect");
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'";
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>disconnect</title></head><body>{button}{disconnect}</body></html>", Ct);
    }

    private static async Task<string> RenderAsync(TagHelper helper, string tagName, string content)
    {
        var output = new TagHelperOutput(tagName, [],
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetContent(content)));
        await helper.ProcessAsync(new TagHelperContext(tagName, [], new Dictionary<object, object>(), Guid.NewGuid().ToString("N")), output);
        using var writer = new StringWriter();
        output.WriteTo(writer, HtmlEncoder.Default);
        return writer.ToString();
    }

    private static string LibraryWebRoot([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "src", "HumanConnect.AspNetCore", "wwwroot"));
}
