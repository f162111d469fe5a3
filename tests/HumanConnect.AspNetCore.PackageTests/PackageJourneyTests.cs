using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.PackageTests.Infrastructure;

namespace HumanConnect.AspNetCore.PackageTests;

/// <summary>
/// A fresh host on the packages alone: the README's sandbox quick start, made with <c>dotnet new web</c>, restored
/// from the local feed, published, and run in Production as its own process; then the journey over real HTTP.
/// </summary>
public sealed class PackageJourneyTests(LocalFeed feed)
{
    private static readonly string[] RuntimePackages =
    [
        "HumanConnect.AspNetCore",
        "HumanConnect.AspNetCore.Sandbox",
        "HumanConnect.AspNetCore.EntityFrameworkCore",
        "HumanConnect.AspNetCore.StackExchangeRedis",
    ];

    /// <summary>HumanApiSandboxDefaults.ClientSecret: public by design, it opens nothing but the sandbox.</summary>
    private const string SandboxClientSecret = "a222093922b32027714b0cc5efd6bf666543bd72";

    /// <summary>
    /// The only lines added to the README's code: this test runs it in Production, where the sandbox and the
    /// in-memory token store are refused unless allowed.
    /// </summary>
    private const string TestPlumbing = """
        // Test plumbing: Production, on the sandbox, one instance keeping its tokens in memory.
        builder.Services.Configure<HumanConnect.AspNetCore.Sandbox.HumanApiSandboxOptions>(o => o.AllowInProduction = true);
        builder.Services.PostConfigure<HumanConnect.AspNetCore.HumanConnectOptions>(o => o.AllowInMemoryTokenStore = true);

        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fresh_host_on_the_packages_renders_the_button_serves_the_script_and_stores_the_tokens_in_Production()
    {
        var files = ReadmeQuickStart.Files("sandbox");
        Assert.Contains("var app = builder.Build();", files["Program.cs"], StringComparison.Ordinal);
        files["Program.cs"] = files["Program.cs"].Replace("var app = builder.Build();", TestPlumbing + "var app = builder.Build();", StringComparison.Ordinal);
        var host = await FreshHost.CreateAsync(feed, "SandboxHost", RuntimePackages, files, Ct);

        await host.PublishAsync(Ct);

        Assert.All(host.RestoredSources(RuntimePackages), restored => Assert.Equal(feed.FeedDirectory, restored.Value));
        await using var app = await RunningApp.StartAsync(host.PublishDirectory, "SandboxHost.dll", new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Data Protection keeps its key ring under HOME: a folder of this test's, not the machine's.
            ["HOME"] = Directory.CreateDirectory(Path.Combine(host.Directory, "home")).FullName,
        }, Ct);
        using var browser = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = app.Address,
        };

        await SignInAsync(browser, "Beverly Crusher");
        var page = await GetPageAsync(browser, "/");
        var button = Assert.Single(page.QuerySelectorAll("button[data-human-connect-state]"));
        Assert.Equal("create", button.GetAttribute("data-human-connect-state"));
        await AssertScriptsAndImageAreServedAsync(browser, page, button);

        // What Connect's finish hands the page, minted by the sandbox's shortcut for the user the button names.
        var config = Config(button);
        using var minted = await browser.PostAsJsonAsync("/sandbox/v1/connect/sessions", new
        {
            clientId = config.GetProperty("clientId").GetString(),
            clientSecret = SandboxClientSecret,
            clientUserId = config.GetProperty("clientUserId").GetString(),
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        var sessionTokenObject = await minted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var finish = new HttpRequestMessage(HttpMethod.Post, config.GetProperty("finishUrl").GetString())
        {
            Content = JsonContent.Create(sessionTokenObject),
        };
        var antiforgery = config.GetProperty("antiforgery");
        finish.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var finished = await browser.SendAsync(finish, Ct);
        var answer = await finished.Content.ReadAsStringAsync(Ct);

        Assert.True(finished.StatusCode == HttpStatusCode.OK, $"finish answered {(int)finished.StatusCode}: {answer}\n{app.Output}");
        var stored = JsonDocument.Parse(answer).RootElement;
        Assert.Equal(sessionTokenObject.GetProperty("humanId").GetString(), stored.GetProperty("humanId").GetString());
        Assert.DoesNotContain("accessToken", answer, StringComparison.OrdinalIgnoreCase);

        // The tokens are stored: the page now opens Connect in edit mode, with the publicToken finish answered.
        var after = Assert.Single((await GetPageAsync(browser, "/")).QuerySelectorAll("button[data-human-connect-state]"));
        Assert.Equal("edit", after.GetAttribute("data-human-connect-state"));
        Assert.Equal(stored.GetProperty("publicToken").GetString(), Config(after).GetProperty("publicToken").GetString());
        Assert.DoesNotContain("Unhandled exception", app.Output, StringComparison.Ordinal);
    }

    private static async Task AssertImmutableScriptAsync(HttpClient browser, string src, string expectedCode)
    {
        using var script = await browser.GetAsync(new Uri(src, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", script.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Contains(expectedCode, await script.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static async Task AssertScriptsAndImageAreServedAsync(HttpClient browser, IHtmlDocument page, IElement button)
    {
        // human-connect.js and its finish half at their fingerprinted URLs, served immutable by MapStaticAssets from the
        // package's static web assets.
        var module = Assert.Single(page.QuerySelectorAll("script[data-human-connect-owner]")).GetAttribute("src")!;
        Assert.Matches("^/_content/HumanConnect\\.AspNetCore/human-connect\\.[a-z0-9]{10}\\.js$", module);
        await AssertImmutableScriptAsync(browser, module, "humanapiSessionToken");
        var finish = Assert.Single(page.QuerySelectorAll("script[src*='/human-connect-finish.']")).GetAttribute("src")!;
        Assert.Matches("^/_content/HumanConnect\\.AspNetCore/human-connect-finish\\.[a-z0-9]{10}\\.js$", finish);
        await AssertImmutableScriptAsync(browser, finish, "sessionTokenObject");

        // The sandbox's connect.js and the button's image come from this app: the page works with no internet.
        var connect = Assert.Single(page.QuerySelectorAll("script:not([data-human-connect-owner]):not([src*='/human-connect-finish.'])")).GetAttribute("src")!;
        Assert.StartsWith("/sandbox/connect.js?v=", connect, StringComparison.Ordinal);
        using var connectScript = await browser.GetAsync(new Uri(connect, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, connectScript.StatusCode);
        var image = button.QuerySelector("img")!.GetAttribute("src")!;
        Assert.Equal("/sandbox/assets/connect-button.svg", image);
        using var imageResponse = await browser.GetAsync(new Uri(image, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, imageResponse.StatusCode);
        Assert.Equal("image/svg+xml", imageResponse.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Signs in through the README's demo sign-in page, antiforgery token included, as a browser would.</summary>
    private static async Task SignInAsync(HttpClient browser, string userName)
    {
        var form = await GetPageAsync(browser, "/SignIn");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = userName, ["__RequestVerificationToken"] = token });
        using var response = await browser.PostAsync(new Uri("/SignIn", UriKind.Relative), body, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    private static async Task<IHtmlDocument> GetPageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {html}");
        return new HtmlParser().ParseDocument(html);
    }

    private static JsonElement Config(IElement button) => JsonDocument.Parse(button.GetAttribute("data-human-connect")!).RootElement.Clone();
}
