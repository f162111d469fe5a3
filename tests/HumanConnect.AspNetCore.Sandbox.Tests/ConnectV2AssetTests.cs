using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.ConnectV2Calls;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Everything the hosted v2 page and the v2 client fetch is served by the sandbox, with its type: the page's own
/// stylesheet and script (and whatever the stylesheet names), and the image both the sandbox's client and Human API's
/// <c>humanapi-connect-client</c> lay behind their iframe, from <c>{base}/images/data-source-type-icons/</c>. Once over
/// HTTP from the page's markup, once as Chromium fetches them when the client opens Connect.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed partial class ConnectV2AssetTests(DebianChromium chromium)
{
    /// <summary>Where Human API's client 2.4.1 asks its base URL for the image behind its iframe.</summary>
    private const string LaunchImage = "/sandbox/hapi-connect/images/data-source-type-icons/launch-connect-text.svg";

    [Fact]
    public async Task Every_asset_the_hosted_page_names_and_the_launch_image_answer_200_with_their_type()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var token = await SessionTokenAsync(sandbox.Http, "user-1");
        var pageUri = new Uri(sandbox.Host.Address, "/sandbox/hapi-connect?mode=auth&token=" + Uri.EscapeDataString(token));

        var document = await new HtmlParser().ParseDocumentAsync(await sandbox.Http.GetStringAsync(pageUri, ct), ct);
        var named = document.QuerySelectorAll("link[href], script[src], img[src], source[src]")
            .Select(element => element.GetAttribute("href") ?? element.GetAttribute("src"))
            .OfType<string>()
            .Select(reference => new Uri(pageUri, reference))
            .ToList();
        var assets = new List<Uri>(named);
        foreach (var stylesheet in named.Where(uri => uri.AbsolutePath.EndsWith(".css", StringComparison.Ordinal)))
        {
            var css = await sandbox.Http.GetStringAsync(stylesheet, ct);
            assets.AddRange(CssUrl().Matches(css).Select(match => new Uri(stylesheet, match.Groups["url"].Value)));
        }

        assets.Add(new Uri(sandbox.Host.Address, LaunchImage));

        Assert.Equal(["/sandbox/hapi-connect/assets/connect-ui.css", "/sandbox/hapi-connect/assets/hapi-connect.js"], named.Select(uri => uri.AbsolutePath));
        foreach (var asset in assets)
        {
            using var get = await sandbox.Http.GetAsync(asset, ct);
            using var head = await sandbox.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, asset), ct);

            Assert.True(get.StatusCode == HttpStatusCode.OK, $"{asset.AbsolutePath} answered {(int)get.StatusCode}");
            Assert.Equal(TypeOf(asset.AbsolutePath), get.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", Assert.Single(get.Headers.GetValues("X-Content-Type-Options")));
            Assert.NotNull(get.Headers.ETag);
            Assert.True(head.StatusCode == HttpStatusCode.OK, $"HEAD {asset.AbsolutePath} answered {(int)head.StatusCode}");
            Assert.Equal((await get.Content.ReadAsByteArrayAsync(ct)).Length, head.Content.Headers.ContentLength);
        }
    }

    [Fact]
    public async Task The_launch_image_is_a_small_self_contained_svg()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        var bytes = await sandbox.Http.GetByteArrayAsync(LaunchImage, ct);
        var svg = XDocument.Parse(System.Text.Encoding.UTF8.GetString(bytes)).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";

        Assert.Equal(ns + "svg", svg.Name);
        Assert.NotNull(svg.Attribute("viewBox"));
        Assert.False(string.IsNullOrWhiteSpace(svg.Attribute("aria-label")?.Value));
        Assert.InRange(bytes.Length, 1, 4096);
        // Nothing it would fetch or run: it is drawn as a CSS background, where neither would work anyway.
        Assert.DoesNotContain(svg.Descendants(), element => element.Name.LocalName is "script" or "image" or "foreignObject" or "use");
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(),
            attribute => attribute.Name.LocalName == "href" || attribute.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opening_Connect_through_the_client_fetches_only_what_the_sandbox_serves_with_its_type()
    {
        await using var sandbox = await SandboxApp.StartAsync(app =>
            app.MapGet("/test/v2-host", (string token) => Results.Content(HostPage(token), "text/html; charset=utf-8")));
        var token = await SessionTokenAsync(sandbox.Http, "user-1");
        await using var context = await chromium.Browser.NewContextAsync(new() { BaseURL = sandbox.Host.Address.ToString() });
        var page = await context.NewPageAsync();
        var responses = new List<(string Url, string Type, int Status, string? ContentType)>();
        var failed = new List<string>();
        context.Response += (_, response) =>
        {
            lock (responses)
            {
                responses.Add((response.Url, response.Request.ResourceType, response.Status, response.Headers.GetValueOrDefault("content-type")));
            }
        };
        context.RequestFailed += (_, request) =>
        {
            lock (failed)
            {
                failed.Add($"{request.Url}: {request.Failure}");
            }
        };

        await page.GotoAsync("/test/v2-host?token=" + Uri.EscapeDataString(token));
        await page.ClickAsync("#connect");
        var frame = page.FrameLocator("#human-api");
        await Assertions.Expect(frame.Locator("#hc-status")).ToHaveTextAsync("Choose a data source to connect.");
        // The frame's background is laid as the frame is made: poll until Chromium has fetched it, with a deadline.
        await Eventually.WaitUntilAsync(() =>
        {
            lock (responses)
            {
                return responses.Any(response => new Uri(response.Url).AbsolutePath == LaunchImage);
            }
        }, "Chromium fetched the launch image");
        List<(string Url, string Type, int Status, string? ContentType)> seen;
        lock (responses)
        {
            seen = [.. responses];
        }

        Assert.Empty(failed);
        Assert.All(seen, response =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            Assert.True(response.Status == 200, $"{response.Type} {path} answered {response.Status}");
            Assert.Equal(ExpectedType(response.Type, path), response.ContentType?.Split(';')[0]);
        });
        Assert.Superset(
            new HashSet<string>([LaunchImage, "/sandbox/hapi-connect", "/sandbox/hapi-connect/assets/connect-ui.css", "/sandbox/hapi-connect/assets/hapi-connect.js"]),
            seen.Select(response => new Uri(response.Url).AbsolutePath).ToHashSet());
        // The image's URL is the base URL's path: the token the frame's URL carries is not repeated in it.
        Assert.All(seen.Where(response => response.Type == "image"), response => Assert.DoesNotContain(token, response.Url, StringComparison.Ordinal));
    }

    private static string ExpectedType(string resourceType, string path) => resourceType switch
    {
        "document" => "text/html",
        "fetch" or "xhr" => "application/json",
        _ => TypeOf(path),
    };

    private static string TypeOf(string path) => Path.GetExtension(path) switch
    {
        ".css" => "text/css",
        ".js" => "text/javascript",
        ".svg" => "image/svg+xml",
        ".gif" => "image/gif",
        ".png" => "image/png",
        var other => throw new InvalidOperationException($"No expected type for {path} ({other}): add it here."),
    };

    private static string HostPage(string token) => $"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>v2 host</title>
        <script src="/sandbox/humanapi-connect-client.js"></script></head><body>
        <div class="hapi__token-container">
        <button id="connect" data-hapi-token="{HtmlEncoder.Default.Encode(token)}" data-hapi-base-url="/sandbox/hapi-connect">Connect your data</button>
        </div></body></html>
        """;

    [GeneratedRegex("""url\(\s*['"]?(?<url>[^'")\s]+)['"]?\s*\)""")]
    private static partial Regex CssUrl();
}
