using System.Net;
using System.Xml.Linq;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// In sandbox mode the Connect button's image comes from the sandbox itself, so the button works with no internet;
/// Human API's default image lives on Human API's host.
/// </summary>
public sealed class ButtonImageTests
{
    private const string ImagePath = "/assets/connect-button.svg";

    [Theory]
    [InlineData("/sandbox")]
    [InlineData("/fake-human-api")]
    public async Task UseHumanApiSandbox_makes_the_sandboxs_own_image_the_default_under_its_prefix(string prefix)
    {
        await using var app = await LibraryApp.StartAsync(prefix);

        var options = app.Host.Services.GetRequiredService<IOptions<HumanConnectOptions>>().Value;

        Assert.Equal(prefix + ImagePath, options.ButtonImageUrl);
    }

    [Fact]
    public async Task A_host_that_chose_its_own_image_keeps_it()
    {
        await using var app = await LibraryApp.StartAsync(configure: options => options.ButtonImageUrl = "/img/our-button.png");

        var options = app.Host.Services.GetRequiredService<IOptions<HumanConnectOptions>>().Value;

        Assert.Equal("/img/our-button.png", options.ButtonImageUrl);
    }

    [Fact]
    public async Task The_image_is_an_svg_served_like_the_other_assets_whose_words_always_fit_the_button()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await sandbox.Http.GetAsync("/sandbox" + ImagePath, ct);
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync(ct)).Root!;
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/sandbox" + ImagePath);
        revalidation.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await sandbox.Http.SendAsync(revalidation, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("Connect Health Data", svg.Attribute("aria-label")?.Value);
        // The words are drawn with whatever font the machine has: textLength squeezes or stretches them into the
        // space left of the right edge, so no font clips them (DejaVu Sans did, with a plain font-size).
        var width = double.Parse(svg.Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var text = Assert.Single(svg.Descendants(svg.Name.Namespace + "text"));
        Assert.Equal("Connect Health Data", text.Value);
        Assert.Equal("spacingAndGlyphs", text.Attribute("lengthAdjust")?.Value);
        var start = double.Parse(text.Attribute("x")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var length = double.Parse(text.Attribute("textLength")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(start + length, width / 2, width - 8);
        // Nothing it draws is fetched from anywhere: it works offline.
        Assert.DoesNotContain(svg.DescendantsAndSelf().Attributes(), attribute =>
            !attribute.IsNamespaceDeclaration && attribute.Value.Contains("http", StringComparison.Ordinal));
    }
}
