using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.SampleHost.Tests.Rendering;

/// <summary>The Connect button as the sample host's pages render it, parsed as a browser would parse it.</summary>
public sealed class ButtonPageTests : IAsyncLifetime
{
    private const string Hostile = "\"'<>&</script><script>alert(1)</script>";
    private const string FingerprintedModule = "^/_content/HumanConnect\\.AspNetCore/human-connect\\.[a-z0-9]{10}\\.js$";
    private const string FingerprintedFinishScript = "^/_content/HumanConnect\\.AspNetCore/human-connect-finish\\.[a-z0-9]{10}\\.js$";

    private FakeHumanApi _upstream = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _upstream = await FakeHumanApi.StartAsync();

    public async ValueTask DisposeAsync() => await _upstream.DisposeAsync();

    [Fact]
    public async Task A_signed_out_visitor_gets_no_button_and_a_module_that_names_nobody()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");

        Assert.Empty(page.QuerySelectorAll("[data-human-connect], button[data-human-connect-state]"));
        var scripts = page.QuerySelectorAll("script");
        Assert.Equal(2, scripts.Length);
        Assert.Matches(FingerprintedFinishScript, scripts[0].GetAttribute("src")!);
        var module = scripts[1];
        Assert.Equal(module, Assert.Single(ModuleScripts(page)));
        Assert.Equal(string.Empty, module.GetAttribute("data-human-connect-owner"));
    }

    [Fact]
    public async Task A_user_who_never_connected_gets_create_mode_under_a_strict_CSP()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);

        var (response, page) = await ButtonPageHost.GetAsync(browser, "/");

        var button = Assert.Single(Buttons(page));
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("create", button.GetAttribute("data-human-connect-state"));
        Assert.Equal("Connect Health Data", button.QuerySelector("img")!.GetAttribute("alt"));
        var config = Config(button);
        Assert.Equal(TestData.ClientId, config.GetProperty("clientId").GetString());
        Assert.False(config.TryGetProperty("publicToken", out _));
        Assert.Equal("/connect/finish", config.GetProperty("finishUrl").GetString());
        Assert.False(config.TryGetProperty("publicTokenUrl", out _));
        Assert.False(string.IsNullOrEmpty(config.GetProperty("antiforgery").GetProperty("token").GetString()));

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        var nonce = policy.Split("'nonce-")[1].Split('\'')[0];
        var scripts = page.QuerySelectorAll("script");
        Assert.Equal(3, scripts.Length);
        Assert.All(scripts, s =>
        {
            Assert.Equal(nonce, s.GetAttribute("nonce"));
            Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")));
            Assert.Equal(string.Empty, s.TextContent);
        });
        Assert.Single(ModuleScripts(page));
        Assert.Single(scripts, s => s.GetAttribute("src") == HumanConnectDefaults.ConnectScriptUrl);
    }

    [Fact]
    public async Task The_home_page_links_the_other_front_ends_which_answer()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");
        var links = page.QuerySelectorAll("#front-ends a").Select(a => a.GetAttribute("href")).ToArray();

        Assert.Equal(["/spa", "/blazor"], links);
        foreach (var link in links)
        {
            using var response = await browser.GetAsync(new Uri(link!, UriKind.Relative), Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task The_module_is_linked_at_its_fingerprinted_URL_and_served_immutable_in_Development()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");
        var src = Assert.Single(ModuleScripts(page)).GetAttribute("src")!;

        using var module = await browser.GetAsync(new Uri(src, UriKind.Relative), Cancellation);

        // MapStaticAssets' fingerprint of the library's file (not ?v=, which UseStaticFiles serves with no caching).
        Assert.Matches(FingerprintedModule, src);
        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
        // The sample's appsettings.Development.json keeps Production's caching, which MapStaticAssets turns off in
        // Development by default.
        Assert.Contains("immutable", module.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromDays(365), module.Headers.CacheControl?.MaxAge);
        var code = await module.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("HumanConnect", code, StringComparison.Ordinal);
        Assert.Contains("humanapiSessionToken", code, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_samples_caching_setting_Development_still_links_the_fingerprint_and_the_framework_revalidates_it()
    {
        using var host = new ButtonPageHost(_upstream, new Dictionary<string, string?> { ["EnableStaticAssetsDevelopmentCaching"] = "false" });
        using var browser = host.NewBrowser();
        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");
        var src = Assert.Single(ModuleScripts(page)).GetAttribute("src")!;

        using var module = await browser.GetAsync(new Uri(src, UriKind.Relative), Cancellation);

        Assert.Matches(FingerprintedModule, src);
        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.True(module.Headers.CacheControl?.NoCache);
    }

    [Fact]
    public async Task A_connected_user_gets_edit_mode_on_both_buttons_and_the_scripts_once()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);
        await SeedAsync(host, TestData.Alice, publicToken: TestData.PublicToken);

        var (response, page) = await ButtonPageHost.GetAsync(browser, "/");

        var buttons = Buttons(page);
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, b => Assert.Equal(TestData.PublicToken, Config(b).GetProperty("publicToken").GetString()));
        Assert.Equal("Add or remove sources", page.QuerySelector("#manage-sources")!.TextContent);
        Assert.Single(ModuleScripts(page));
        Assert.Single(page.QuerySelectorAll("script"), s => s.GetAttribute("src") == HumanConnectDefaults.ConnectScriptUrl);
        var nonce = Assert.Single(response.Headers.GetValues("Content-Security-Policy")).Split("'nonce-")[1].Split('\'')[0];
        Assert.All(page.QuerySelectorAll("script"), s => Assert.Equal(nonce, s.GetAttribute("nonce")));
        Assert.Empty(_upstream.PublicTokensRequests);
    }

    [Fact]
    public async Task A_lost_publicToken_is_renewed_once_before_the_buttons_render()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);
        await SeedAsync(host, TestData.Alice, publicToken: null);

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");

        Assert.All(Buttons(page), b =>
        {
            Assert.Equal("edit", b.GetAttribute("data-human-connect-state"));
            Assert.Equal(_upstream.IssuedPublicToken, Config(b).GetProperty("publicToken").GetString());
        });
        Assert.Single(_upstream.PublicTokensRequests);
        var stored = await host.Services.GetRequiredService<IHumanTokenStore>().GetAsync(TestData.Alice, Cancellation);
        Assert.Equal(_upstream.IssuedPublicToken, stored!.PublicToken);
        Assert.Equal(_upstream.IssuedPublicToken, page.QuerySelector("#public-token")!.TextContent);
    }

    [Fact]
    public async Task When_the_publicToken_cannot_be_renewed_the_page_shows_a_disabled_button_not_a_broken_popup()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);
        await SeedAsync(host, TestData.Alice, publicToken: null);
        _upstream.PublicTokensStatus = 500;

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");

        var buttons = page.QuerySelectorAll("button[data-human-connect-state]");
        Assert.Equal(2, buttons.Length);
        Assert.All(buttons, b =>
        {
            Assert.True(b.HasAttribute("disabled"));
            Assert.Equal("true", b.GetAttribute("aria-disabled"));
            Assert.Equal("Health data connection is unavailable right now", b.TextContent);
            Assert.False(b.HasAttribute("data-human-connect"));
        });
        Assert.Single(_upstream.PublicTokensRequests);
    }

    [Fact]
    public async Task Hostile_values_from_the_user_and_the_options_appear_only_encoded()
    {
        using var host = new ButtonPageHost(_upstream, new Dictionary<string, string?>
        {
            ["HumanConnect:Language"] = Hostile,
            ["HumanConnect:Mode"] = Hostile,
            ["HumanConnect:ExtraOptions:style"] = Hostile,
            ["HumanConnect:ExtraOptions:finishUrl"] = "javascript:alert(1)",
            ["HumanConnect:FinishRedirectUrl"] = "javascript:alert(1)",
        });
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, Hostile);

        var response = await browser.GetAsync(new Uri("/", UriKind.Relative), Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Equal(Hostile, page.QuerySelector("#signed-in-user")!.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("script").Length);
        Assert.All(page.All.SelectMany(e => e.Attributes).Where(a => a.Name != "data-human-connect"),
            a => Assert.DoesNotContain("javascript:", a.Value, StringComparison.OrdinalIgnoreCase));

        var config = Config(Assert.Single(Buttons(page)));
        Assert.Equal(Hostile, config.GetProperty("language").GetString());
        Assert.Equal(Hostile, config.GetProperty("mode").GetString());
        Assert.Equal(Hostile, config.GetProperty("options").GetProperty("style").GetString());
        Assert.Equal("javascript:alert(1)", config.GetProperty("options").GetProperty("finishUrl").GetString());
        Assert.Equal("/connect/finish", config.GetProperty("finishUrl").GetString());
        Assert.False(config.TryGetProperty("redirectUrl", out _));
        Assert.Matches("^[0-9a-f]{64}$", config.GetProperty("clientUserId").GetString());
    }

    [Fact]
    public async Task No_page_carries_the_client_secret_or_the_access_token()
    {
        using var host = new ButtonPageHost(_upstream);
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);
        var accessToken = await SeedAsync(host, TestData.Alice, publicToken: null);

        foreach (var path in new[] { "/", "/signin" })
        {
            var html = await browser.GetStringAsync(new Uri(path, UriKind.Relative), Cancellation);
            Assert.DoesNotContain(TestData.ClientSecret, html, StringComparison.Ordinal);
            Assert.DoesNotContain(accessToken, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task On_the_sandbox_the_Connect_base_URL_is_made_absolute_for_Human_APIs_script()
    {
        using var host = new ButtonPageHost(_upstream, new Dictionary<string, string?>
        {
            ["HumanConnect:ConnectBaseUrl"] = "/sandbox",
            ["HumanConnect:ConnectScriptUrl"] = "/sandbox/connect.js",
        });
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");

        Assert.Equal("http://localhost/sandbox", Config(Assert.Single(Buttons(page))).GetProperty("_baseURL").GetString());
        Assert.Single(page.QuerySelectorAll("script"), s => s.GetAttribute("src")?.StartsWith("/sandbox/connect.js?v=", StringComparison.Ordinal) == true);
    }

    private static List<IElement> Buttons(IHtmlDocument page) => [.. page.QuerySelectorAll("button[data-human-connect]")];

    private static List<IElement> ModuleScripts(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("script").Where(s => s.HasAttribute("data-human-connect-owner"))];

    private static JsonElement Config(IElement button) =>
        JsonDocument.Parse(button.GetAttribute("data-human-connect")!).RootElement.Clone();

    /// <summary>Stores a connection for the user as a finished exchange would; returns its (secret) access token.</summary>
    private static async Task<string> SeedAsync(ButtonPageHost host, string localUserId, string? publicToken)
    {
        var accessToken = "ACCESS-" + Guid.NewGuid().ToString("N") + "==";
        var clientUserId = host.Services.GetRequiredService<IHumanConnectUserResolver>().GetClientUserId(localUserId);
        await host.Services.GetRequiredService<IHumanTokenStore>()
            .SaveAsync(localUserId, new HumanTokens(TestData.HumanId, accessToken, publicToken, clientUserId), Cancellation);
        return accessToken;
    }
}
