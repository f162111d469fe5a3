using System.Net;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>connect.js, the hosted page and its assets: types, caching headers, and a page that needs no inline code.</summary>
public sealed class StaticAssetTests
{
    [Theory]
    [InlineData("/sandbox/connect.js", "text/javascript", "window.HumanConnect")]
    [InlineData("/sandbox/assets/connect-ui.js", "text/javascript", "hapi-connect-open")]
    [InlineData("/sandbox/assets/connect-ui.css", "text/css", ".hc-dialog")]
    [InlineData("/sandbox/store.min.js", "text/javascript", "window.store")]
    [InlineData("/sandbox/humanapi-connect-client.js", "text/javascript", "hapi__token-container")]
    [InlineData("/sandbox/hapi-connect/assets/hapi-connect.js", "text/javascript", "hapi-connect-connect-source")]
    [InlineData("/sandbox/hapi-connect/assets/connect-ui.css", "text/css", ".hc-dialog")]
    public async Task Assets_are_served_with_their_type_nosniff_and_an_etag(string path, string mediaType, string expectedContent)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await sandbox.Http.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, path);
        revalidation.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await sandbox.Http.SendAsync(revalidation, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Contains(expectedContent, body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_spinner_Human_APIs_script_loads_from_its_base_is_a_gif_with_the_same_headers()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await sandbox.Http.GetAsync("/sandbox/spinner.gif", ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        using var head = await sandbox.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/sandbox/spinner.gif"), ct);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/sandbox/spinner.gif");
        revalidation.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await sandbox.Http.SendAsync(revalidation, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/gif", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal("GIF89a", System.Text.Encoding.ASCII.GetString(bytes, 0, 6));
        Assert.Equal(0x3B, bytes[^1]);
        Assert.InRange(BitConverter.ToUInt16(bytes, 6), 1, 64);
        Assert.InRange(BitConverter.ToUInt16(bytes, 8), 1, 64);
        Assert.InRange(bytes.Length, 1, 4096);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(bytes.Length, head.Content.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task The_connect_script_stands_alone_and_trusts_only_its_own_frame()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        var script = await sandbox.Http.GetStringAsync("/sandbox/connect.js", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("human-connect.js", script, StringComparison.Ordinal);
        Assert.Contains("event.source !== frame.contentWindow", script, StringComparison.Ordinal);
        Assert.Contains("event.origin !== state.frameOrigin", script, StringComparison.Ordinal);
        Assert.Contains("setPublicToken", script, StringComparison.Ordinal);
        Assert.Contains("humanapiSessionToken", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hosted_page_is_an_accessible_dialog_with_no_inline_script_or_style_under_a_strict_csp()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await sandbox.Http.GetAsync("/sandbox/?clientId=x&clientUserId=y", ct);
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(ct), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.All(document.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), "inline <script>"));
        Assert.Empty(document.QuerySelectorAll("style, [style]"));
        Assert.DoesNotContain(document.All, element => element.Attributes.Any(attribute => attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));

        var dialog = Assert.Single(document.QuerySelectorAll("[role=dialog]"));
        var title = document.GetElementById(dialog.GetAttribute("aria-labelledby")!);
        Assert.NotNull(title);
        Assert.Equal(["Done", "Close"], document.QuerySelectorAll("button").Select(button => button.TextContent.Trim()));
        Assert.Equal("/sandbox/v1/ui", dialog.GetAttribute("data-api"));
    }

    [Fact]
    public async Task The_hosted_page_builds_its_urls_from_the_path_base()
    {
        await using var sandbox = await SandboxApp.StartAsync(app =>
        {
            app.UsePathBase("/app");
            app.UseRouting();
        });
        var ct = TestContext.Current.CancellationToken;

        var html = await sandbox.Http.GetStringAsync("/app/sandbox/", ct);
        var document = await new HtmlParser().ParseDocumentAsync(html, ct);
        using var script = await sandbox.Http.GetAsync("/app/sandbox/assets/connect-ui.js", ct);

        Assert.Equal("/app/sandbox/assets/connect-ui.js", Assert.Single(document.Scripts).Source);
        Assert.Equal("/app/sandbox/assets/connect-ui.css", document.QuerySelector("link[rel=stylesheet]")?.GetAttribute("href"));
        Assert.Equal("/app/sandbox/v1/ui", document.QuerySelector("[role=dialog]")?.GetAttribute("data-api"));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task The_hosted_page_answers_at_the_prefix_with_and_without_a_trailing_slash()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var withSlash = await sandbox.Http.GetAsync("/sandbox/", ct);
        using var withoutSlash = await sandbox.Http.GetAsync("/sandbox", ct);

        Assert.Equal(HttpStatusCode.OK, withSlash.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withoutSlash.StatusCode);
        Assert.Contains("/sandbox/assets/connect-ui.js", await withoutSlash.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("sandbox")]
    [InlineData("/a b")]
    [InlineData("//evil")]
    public void A_bad_prefix_is_refused(string prefix) =>
        Assert.Throws<ArgumentException>(() => Hosting.SandboxPrefix.Normalize(prefix, "prefix"));

    [Fact]
    public void The_well_known_credentials_have_human_apis_formats()
    {
        Assert.Matches("^[0-9a-f]{40}$", HumanApiSandboxDefaults.ClientId);
        Assert.Matches("^[0-9a-f]{40}$", HumanApiSandboxDefaults.ClientSecret);
        Assert.Equal(["Starfleet Pharmacy", "Starfleet Medical"], HumanApiSandboxDefaults.DemoSources);
    }
}
