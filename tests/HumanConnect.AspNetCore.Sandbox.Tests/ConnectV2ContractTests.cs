using System.Net;
using System.Net.Http.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The contract the library's Connect v2 builds on: the three URLs <c>UseHumanApiSandbox</c> sets lead to the sandbox's
/// endpoints, the token endpoint over the library's own upstream client (the loopback handler included), under a prefix.
/// </summary>
public sealed class ConnectV2ContractTests
{
    [Fact]
    public async Task The_v2_urls_UseHumanApiSandbox_sets_reach_the_token_endpoint_the_client_and_the_hosted_page()
    {
        string? upstreamClient = null;
        await using var app = await KestrelApp.StartAsync(
            builder =>
            {
                var humanConnect = builder.Services.AddHumanConnect(options => options.AllowInMemoryTokenStore = true).UseHumanApiSandbox("/hapi-sandbox");
                upstreamClient = humanConnect.UpstreamHttpClient.Name;
                builder.Services.Configure<HumanApiSandboxOptions>(options => options.AllowInProduction = true);
            },
            web => web.MapHumanApiSandbox("/hapi-sandbox"));
        var ct = TestContext.Current.CancellationToken;
        var options = app.Services.GetRequiredService<IOptions<HumanConnectOptions>>().Value;
        var upstream = app.Services.GetRequiredService<IHttpClientFactory>().CreateClient(upstreamClient!);
        var browser = app.CreateClient();

        using var minted = await upstream.PostAsJsonAsync(options.ConnectTokenEndpoint, new Dictionary<string, string>
        {
            ["type"] = "session", ["client_id"] = options.ClientId, ["client_secret"] = options.ClientSecret, ["client_user_id"] = "user-1",
        }, ct);
        var token = (await SandboxApp.ReadJsonAsync(minted)).GetProperty("session_token").GetString();
        using var script = await browser.GetAsync(options.ConnectClientScriptUrl, ct);
        using var page = await browser.GetAsync($"{options.ConnectClientBaseUrl}?token={token}&mode=auth", ct);
        using var session = await browser.PostAsJsonAsync(options.ConnectClientBaseUrl + "/api/session", new { token }, ct);

        Assert.Equal("http://localhost/hapi-sandbox/v1/connect/token", options.ConnectTokenEndpoint.ToString());
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/hapi-sandbox/hapi-connect/assets/hapi-connect.js", await page.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
    }
}
