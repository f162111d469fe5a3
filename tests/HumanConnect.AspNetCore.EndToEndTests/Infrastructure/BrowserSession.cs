using HumanConnect.AspNetCore.TestInfrastructure;
using System.Text.Json;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// One person at one browser profile: a context with its own cookies and localStorage, a page on the sample host,
/// every console error, page error and CSP violation recorded so a test can assert there were none, and every
/// request to the library's endpoints recorded so a test can count them.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly string PageRecorder = ReadAsset("page-recorder.js");
    private readonly List<string> _problems = [];
    private readonly List<string> _endpointCalls = [];

    private BrowserSession(IBrowserContext context, IPage page, Uri root)
    {
        Context = context;
        Page = page;
        Root = root;
        Connect = new ConnectDialog(page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record(_problems, $"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => Record(_problems, $"page error: {error}");
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && new Uri(request.Url).AbsolutePath.StartsWith("/connect/", StringComparison.Ordinal))
            {
                Record(_endpointCalls, new Uri(request.Url).AbsolutePath);
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Root { get; }

    /// <summary>The Connect iframe and the hosted page inside it.</summary>
    public ConnectDialog Connect { get; }

    /// <summary>Connect v2's iframe (<c>#human-api</c>, whichever client laid it over the page) and the sandbox's hosted v2 page inside it.</summary>
    public ConnectDialog ConnectV2 => new(Page, "iframe#human-api");

    /// <summary>The sample's main Connect button.</summary>
    public ILocator ConnectButton => Page.Locator("#connect-health-data");

    /// <summary>The second button the sample shows once a connection is stored.</summary>
    public ILocator ManageSourcesButton => Page.Locator("#manage-sources");

    /// <summary>What human-connect.js shows the person when something failed.</summary>
    public ILocator ErrorAlert => Page.Locator("[data-human-connect-error]");

    /// <summary>Console errors, uncaught exceptions and CSP violations seen so far.</summary>
    public IReadOnlyList<string> Problems => Snapshot(_problems);

    /// <summary>The paths of every POST to the library's endpoints, in order.</summary>
    public IReadOnlyList<string> EndpointCalls => Snapshot(_endpointCalls);

    public static Task<BrowserSession> OpenAsync(IBrowser browser, Uri root) => OpenAsync(browser, root, new BrowserNewContextOptions());

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri root, BrowserNewContextOptions options)
    {
        options.BaseURL = root.ToString();
        var context = await browser.NewContextAsync(options);
        // Generous: CI has two cores shared with another test module; a wait that succeeds returns as soon as it can.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        await context.AddInitScriptAsync(PageRecorder);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, root);
    }

    /// <summary>Signs in through the sample's demo form, as a person would, and lands on the home page.</summary>
    public async Task SignInAsync(string userName)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("Your name").FillAsync(userName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        try
        {
            // DOMContentLoaded, not load: the page's deferred scripts have run by then, which is all a test's next click
            // needs, and Chromium has been seen (once, under CI load) to leave this navigation's load event unreported.
            await Page.WaitForURLAsync(new Uri(Root, "/").ToString(), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"Signing in as {userName} did not reach the home page: the browser is at {Page.Url}, showing: {await Page.Locator("body").InnerTextAsync()}", e);
        }

        await Assertions.Expect(Page.Locator("#signed-in-user")).ToHaveTextAsync(userName);
    }

    /// <summary>Signs out with the sample's header form.</summary>
    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).First).ToBeVisibleAsync();
    }

    /// <summary>Clicks <paramref name="button"/> and waits until the hosted Connect page is open inside its iframe.</summary>
    public async Task OpenConnectAsync(ILocator button)
    {
        await button.ClickAsync();
        await Connect.WaitUntilOpenAsync();
    }

    /// <summary>Clicks a Connect v2 <paramref name="button"/> and waits until the hosted v2 page is open inside <c>#human-api</c>.</summary>
    public async Task OpenConnectV2Async(ILocator button)
    {
        await button.ClickAsync();
        await ConnectV2.WaitUntilOpenAsync();
    }

    /// <summary>
    /// Connects <paramref name="sources"/> through the main button and clicks Done; human-connect.js finishes on the
    /// server and reloads, and the page then shows the stored publicToken, which this returns.
    /// </summary>
    public async Task<string> ConnectSourcesAsync(ILocator button, params string[] sources)
    {
        var before = await StoredPublicTokenAsync();
        await OpenConnectAsync(button);
        foreach (var source in sources)
        {
            await Connect.ConnectAsync(source);
        }

        await Connect.Done.ClickAsync();
        var publicToken = Page.Locator("#public-token");
        if (before is null)
        {
            await Assertions.Expect(publicToken).ToBeVisibleAsync();
        }
        else
        {
            await Assertions.Expect(publicToken).Not.ToHaveTextAsync(before);
        }

        return (await publicToken.TextContentAsync())!;
    }

    /// <summary>
    /// Connects <paramref name="sources"/> through <paramref name="button"/> on a page that stays after a finish (the
    /// SPA, Blazor): waits for the finish event and for <paramref name="publicTokenSelector"/> to show its publicToken,
    /// which this returns.
    /// </summary>
    public async Task<string> ConnectSourcesInPlaceAsync(ILocator button, string publicTokenSelector, params string[] sources)
    {
        var finishes = (await EventsAsync()).Count(e => e.Type == "finish");
        await OpenConnectAsync(button);
        foreach (var source in sources)
        {
            await Connect.ConnectAsync(source);
        }

        await Connect.Done.ClickAsync();
        await Page.WaitForFunctionAsync(
            "count => window.__humanConnectTest.events.filter(e => e.type === 'finish').length > count", finishes);
        var publicToken = (await EventsAsync()).Last(e => e.Type == "finish").Detail.GetProperty("publicToken").GetString()!;
        await Assertions.Expect(Page.Locator(publicTokenSelector)).ToHaveTextAsync(publicToken);
        return publicToken;
    }

    /// <summary>Opens Connect with <paramref name="button"/> and closes it at once, leaving Connect's session behind.</summary>
    public async Task OpenAndCloseConnectAsync(ILocator button)
    {
        await OpenConnectAsync(button);
        await Connect.Close.ClickAsync();
        await Assertions.Expect(Connect.Frame).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Makes the hosted page post the finish message it posted before once more, from its own (hidden) frame, as a
    /// hosted page that polls might: the same session token handed to <c>finish</c> a second time.
    /// </summary>
    public async Task RepostFinishAsync()
    {
        var finishMessage = await Page.EvaluateAsync<string>(
            "() => window.__humanConnectTest.messages.map(m => m.data).find(d => d && JSON.parse(d).type === 'hapi-connect-finish')");
        var frame = await Connect.FrameAsync();
        await frame.EvaluateAsync("message => { parent.postMessage(message, '*'); parent.postMessage('\"sentinel\"', '*'); }", finishMessage);
        await Page.WaitForFunctionAsync("() => window.__humanConnectTest.messages.some(m => m.data === '\"sentinel\"')");
    }

    /// <summary>Rewrites a button's options in the page, as a tampering user could: <paramref name="edit"/> gets them as <c>c</c>.</summary>
    /// <remarks>The edit is spliced into the evaluated function, not run with <c>new Function</c>, which the page's CSP forbids.</remarks>
    public static Task EditButtonConfigAsync(ILocator button, string edit) =>
        button.EvaluateAsync(
            $"button => {{ const c = JSON.parse(button.dataset.humanConnect); {edit} button.dataset.humanConnect = JSON.stringify(c); }}");

    /// <summary>The publicToken the page shows as stored, or <see langword="null"/> when nothing is stored.</summary>
    public async Task<string?> StoredPublicTokenAsync() =>
        await Page.Locator("#public-token").CountAsync() == 0 ? null : await Page.Locator("#public-token").TextContentAsync();

    /// <summary>The options a Connect button carries in its <c>data-human-connect</c> attribute.</summary>
    public static async Task<JsonElement> ButtonConfigAsync(ILocator button)
    {
        var json = await button.GetAttributeAsync("data-human-connect");
        Assert.NotNull(json);
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    /// <summary>The humanconnect:* DOM events the page has seen since it loaded.</summary>
    public async Task<IReadOnlyList<(string Type, JsonElement Detail)>> EventsAsync()
    {
        var events = await Page.EvaluateAsync<JsonElement>("() => window.__humanConnectTest.events");
        return [.. events.EnumerateArray().Select(e => (e.GetProperty("type").GetString()!, e.GetProperty("detail").Clone()))];
    }

    /// <summary>Waits for a humanconnect:<paramref name="type"/> event and returns its detail.</summary>
    public async Task<JsonElement> WaitForEventAsync(string type)
    {
        await Page.WaitForFunctionAsync("type => window.__humanConnectTest.events.some(e => e.type === type)", type);
        return (await EventsAsync()).Last(e => e.Type == type).Detail;
    }

    /// <summary>Makes the page stay after a successful finish, as a host page that handles humanconnect:finish would.</summary>
    public Task StayOnFinishAsync() => Page.EvaluateAsync("() => { window.__humanConnectTest.stayOnFinish = true; }");

    /// <summary>A value in this page's localStorage.</summary>
    public Task<string?> LocalStorageAsync(string key) => Page.EvaluateAsync<string?>("key => window.localStorage.getItem(key)", key);

    /// <summary>Keeps a screenshot of the page as a test artifact.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var file = Path.Combine(Artifacts.ScreenshotsDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();

    private static void Record(List<string> list, string entry)
    {
        lock (list)
        {
            list.Add(entry);
        }
    }

    private static string[] Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }

    private static string ReadAsset(string name)
    {
        using var stream = typeof(BrowserSession).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The test asset {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
