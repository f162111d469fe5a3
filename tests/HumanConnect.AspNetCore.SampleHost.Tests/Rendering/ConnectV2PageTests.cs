using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.SampleHost.Tests.Rendering;

/// <summary>
/// The sample host with <c>HumanConnect:ConnectVersion=V2</c> against Human API's hosts (a fake token endpoint on
/// loopback): the v2 markup, its scripts under the strict CSP, which then allows the client's and the hosted page's origins.
/// </summary>
public sealed class ConnectV2PageTests : IAsyncLifetime
{
    private const string FingerprintedV2Module = "^/_content/HumanConnect\\.AspNetCore/human-connect-v2\\.[a-z0-9]{10}\\.js$";

    private FakeHumanApi _upstream = null!;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _upstream = await FakeHumanApi.StartAsync();

    public async ValueTask DisposeAsync() => await _upstream.DisposeAsync();

    private ButtonPageHost NewHost() => new(_upstream, new Dictionary<string, string?>
    {
        ["HumanConnect:ConnectVersion"] = "V2",
        ["HumanConnect:ConnectTokenEndpoint"] = _upstream.ConnectTokenEndpoint.ToString(),
    });

    [Fact]
    public async Task A_new_user_gets_the_v2_markup_and_a_CSP_that_allows_Human_APIs_client_and_hosted_page()
    {
        using var host = NewHost();
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);

        var (response, page) = await ButtonPageHost.GetAsync(browser, "/");

        var button = Assert.Single(page.QuerySelectorAll(".hapi__token-container > button[data-hapi-token]"));
        Assert.Equal("FAKE-SESSION-TOKEN", button.GetAttribute("data-hapi-token"));
        Assert.Equal("create", button.GetAttribute("data-human-connect-state"));
        Assert.Equal("/connect/sync", JsonDocument.Parse(button.GetAttribute("data-human-connect-v2")!).RootElement.GetProperty("syncUrl").GetString());
        Assert.Empty(page.QuerySelectorAll("[data-human-connect]"));

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[^']+' [^;]*https://cdn\\.humanapi\\.co", policy);
        Assert.Matches("frame-src 'self' [^;]*https://hapi-connect\\.humanapi\\.co", policy);
        Assert.Matches("img-src 'self' [^;]*https://hapi-connect\\.humanapi\\.co", policy);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("connect.humanapi.co/", policy, StringComparison.Ordinal);

        var nonce = policy.Split("'nonce-")[1].Split('\'')[0];
        var scripts = page.QuerySelectorAll("script").ToList();
        Assert.Equal(2, scripts.Count);
        Assert.Equal(HumanConnectDefaults.ConnectClientScriptUrl, scripts[0].GetAttribute("src"));
        Assert.Matches(FingerprintedV2Module, scripts[1].GetAttribute("src"));
        Assert.All(scripts, s => Assert.Equal(nonce, s.GetAttribute("nonce")));
        Assert.Equal("session", Assert.Single(_upstream.ConnectTokenRequests).GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_second_page_view_reads_the_cached_token_and_the_v2_script_is_served()
    {
        using var host = NewHost();
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);

        await ButtonPageHost.GetAsync(browser, "/");
        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");
        var src = page.QuerySelectorAll("script")[1].GetAttribute("src")!;
        using var module = await browser.GetAsync(new Uri(src, UriKind.Relative), Cancellation);

        Assert.Single(_upstream.ConnectTokenRequests);
        Assert.Matches(FingerprintedV2Module, src);
        Assert.Equal(HttpStatusCode.OK, module.StatusCode);
        Assert.Contains("data-human-connect-v2", await module.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_v2_user_sees_both_buttons_for_a_returning_user_and_the_page_shows_the_connection_state()
    {
        using var host = NewHost();
        using var browser = host.NewBrowser();
        await ButtonPageHost.SignInAsync(browser, TestData.Alice);
        await host.Services.GetRequiredService<IHumanTokenStore>().SaveAsync(
            TestData.Alice, HumanTokens.ForConnectV2(TestData.HumanId, TestData.ClientUserIdOf(TestData.Alice), sourcesConnected: true), Cancellation);

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");

        var buttons = page.QuerySelectorAll("button[data-hapi-token]").ToList();
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, b =>
        {
            Assert.Equal("FAKE-ID-TOKEN", b.GetAttribute("data-hapi-token"));
            Assert.Equal("edit", b.GetAttribute("data-human-connect-state"));
            Assert.Equal("hapi__token-container", b.ParentElement!.ClassName);
        });
        Assert.Equal(TestData.HumanId, page.QuerySelector("#human-id")!.TextContent);
        Assert.Equal("yes", page.QuerySelector("#sources-connected")!.TextContent);
        Assert.Null(page.QuerySelector("#public-token"));
        // The v2 client, human-connect-v2.js, and the disconnect control's script: disconnecting works in v2 too.
        var scripts = page.QuerySelectorAll("script").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Equal(3, scripts.Count);
        Assert.Matches(FingerprintedV2Module, scripts[1]);
        Assert.Matches("^/_content/HumanConnect\\.AspNetCore/human-connect-disconnect\\.[a-z0-9]{10}\\.js$", scripts[2]);
        Assert.NotNull(page.QuerySelector("button[data-human-connect-disconnect]"));
        // The button's id token, and one access token that the dashboard's five data calls share.
        Assert.Equal(["access", "id"], _upstream.ConnectTokenRequests.Select(r => r.GetProperty("type").GetString()).Order());
    }

    [Fact]
    public async Task A_signed_out_visitor_loads_only_the_v2_script()
    {
        using var host = NewHost();
        using var browser = host.NewBrowser();

        var (_, page) = await ButtonPageHost.GetAsync(browser, "/");

        var script = Assert.Single(page.QuerySelectorAll("script"));
        Assert.Matches(FingerprintedV2Module, script.GetAttribute("src"));
        Assert.Empty(_upstream.ConnectTokenRequests);
    }
}
