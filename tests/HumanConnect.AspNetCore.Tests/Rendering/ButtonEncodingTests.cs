using System.Security.Claims;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.WebEncoders.Testing;

namespace HumanConnect.AspNetCore.Tests.Rendering;

/// <summary>Every dynamic value reaches the page encoded: as JSON (HTML-safe escapes) inside an HTML-encoded attribute.</summary>
public sealed class ButtonEncodingTests
{
    private const string Hostile = "\"'<>&</script><script>alert(1)</script>javascript:alert(1)";

    [Fact]
    public async Task Hostile_values_appear_only_encoded()
    {
        await using var harness = await StartWithVerbatimUserIdsAsync();

        var output = await ButtonHarness.RenderButtonAsync(harness.NewRequest(Hostile), b =>
        {
            b.Language = Hostile;
            b.Mode = Hostile;
            b.Options["style"] = Hostile;
            b.Options[Hostile] = "key";
        });
        var html = ButtonHarness.Html(output);

        Assert.DoesNotContain(Hostile, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alert(1)</script>", html, StringComparison.Ordinal);

        var document = new HtmlParser().ParseDocument("<!doctype html><body>" + html);
        var scripts = document.QuerySelectorAll("script");
        Assert.Equal(3, scripts.Length);
        Assert.All(scripts, s => Assert.True(s.HasAttribute("src") && s.TextContent.Length == 0));
        var button = Assert.Single(document.QuerySelectorAll("button"));
        Assert.All(document.All.SelectMany(e => e.Attributes).Where(a => a.Name != "data-human-connect"),
            a => Assert.DoesNotContain("javascript:", a.Value, StringComparison.OrdinalIgnoreCase));

        // Even decoded from HTML, the JSON holds no character that could end a tag, attribute or script.
        var json = button.GetAttribute("data-human-connect")!;
        Assert.DoesNotContain('<', json);
        Assert.DoesNotContain('>', json);
        Assert.DoesNotContain('&', json);
        Assert.DoesNotContain('\'', json);
        Assert.Contains("\\u003C/script\\u003E", json, StringComparison.Ordinal);

        var config = JsonDocument.Parse(json).RootElement;
        Assert.Equal(Hostile, config.GetProperty("clientUserId").GetString());
        Assert.Equal(Hostile, config.GetProperty("language").GetString());
        Assert.Equal(Hostile, config.GetProperty("mode").GetString());
        Assert.Equal(Hostile, config.GetProperty("options").GetProperty("style").GetString());
        Assert.Equal("key", config.GetProperty("options").GetProperty(Hostile).GetString());
    }

    [Fact]
    public async Task Every_attribute_value_passes_through_the_views_HTML_encoder()
    {
        await using var harness = await ButtonHarness.StartAsync(o => o.NonceProvider = _ => "n0nce");

        var html = ButtonHarness.Html(await ButtonHarness.RenderButtonAsync(harness.NewRequest(TestData.Alice)), new HtmlTestEncoder());

        Assert.Contains("data-human-connect=\"HtmlEncode[[{", html, StringComparison.Ordinal);
        Assert.Contains("data-human-connect-state=\"HtmlEncode[[create]]\"", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"HtmlEncode[[{HumanConnectDefaults.ButtonImageUrl}]]\"", html, StringComparison.Ordinal);
        Assert.Contains("alt=\"HtmlEncode[[Connect Health Data]]\"", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"HtmlEncode[[{HumanConnectDefaults.ConnectScriptUrl}]]\"", html, StringComparison.Ordinal);
        Assert.Contains("nonce=\"HtmlEncode[[n0nce]]\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_sign_in_hint_is_text()
    {
        await using var harness = await ButtonHarness.StartAsync();

        var html = ButtonHarness.Html(await ButtonHarness.RenderButtonAsync(harness.NewRequest(null), b => b.SignedOutText = Hostile));

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Equal(Hostile, new HtmlParser().ParseDocument(html).QuerySelector("span")!.TextContent);
    }

    [Fact]
    public async Task No_page_carries_the_client_secret_or_an_access_token()
    {
        await using var harness = await ButtonHarness.StartAsync();
        harness.Store[TestData.Alice] = TestData.StoredTokens(TestData.Alice, publicToken: null);
        var request = harness.NewRequest(TestData.Alice);

        var html = ButtonHarness.Html(await ButtonHarness.RenderButtonAsync(request)) + ButtonHarness.Html(ButtonHarness.RenderScripts(request));

        Assert.Contains(harness.HumanApi.IssuedPublicToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.ClientSecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.OldAccessToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("clientSecret", html, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<ButtonHarness> StartWithVerbatimUserIdsAsync() =>
        ButtonHarness.StartAsync(services: s => s.AddSingleton<IHumanConnectUserResolver, VerbatimUserResolver>());

    /// <summary>Uses the claim as the clientUserId unchanged, so hostile characters reach the page.</summary>
    private sealed class VerbatimUserResolver : IHumanConnectUserResolver
    {
        public string? GetLocalUserId(HttpContext httpContext) => httpContext.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;

        public string GetClientUserId(string localUserId) => localUserId;
    }
}
