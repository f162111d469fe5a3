using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A host app exactly as the README tells it to be written, pointed at the sandbox with UseHumanApiSandbox: the
/// library's endpoints call the sandbox over real loopback HTTP on the port Kestrel picked.
/// </summary>
internal sealed class LibraryApp : IAsyncDisposable
{
    private LibraryApp(KestrelApp host, string prefix)
    {
        Host = host;
        Prefix = prefix;
        Anonymous = host.CreateClient();
    }

    public KestrelApp Host { get; }

    public string Prefix { get; }

    public HttpClient Anonymous { get; }

    public IHumanApiSandboxFaults Faults => Host.Services.GetRequiredService<IHumanApiSandboxFaults>();

    /// <summary>Starts the app; <paramref name="postConfigure"/> runs after UseHumanApiSandbox's own post-configuration, so it can override it.</summary>
    public static async Task<LibraryApp> StartAsync(
        string prefix = "/sandbox", Action<HumanConnectOptions>? configure = null, Action<HumanConnectOptions>? postConfigure = null)
    {
        var host = await KestrelApp.StartAsync(
            builder =>
            {
                TestAuthenticationHandler.Register(builder.Services);
                builder.Services.AddAuthorization();
                builder.Services.AddHumanConnect(options =>
                    {
                        // UseHumanApiSandbox must win over whatever configuration says.
                        options.ClientId = TestData.ClientId;
                        options.ClientSecret = "configured-secret-that-must-be-replaced";
                        configure?.Invoke(options);
                    })
                    .UseHumanApiSandbox(prefix);
                if (postConfigure is not null)
                {
                    builder.Services.PostConfigure(postConfigure);
                }
            },
            app =>
            {
                app.UseAuthentication();
                app.UseAuthorization();
                app.MapGet("/test/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
                {
                    var tokens = antiforgery.GetAndStoreTokens(context);
                    return Results.Json(new Dictionary<string, string?> { ["headerName"] = tokens.HeaderName, ["requestToken"] = tokens.RequestToken });
                });
                app.MapHumanConnect();
                app.MapHumanApiSandbox(prefix);
            });
        return new LibraryApp(host, prefix);
    }

    public string ClientUserIdOf(string localUserId) =>
        Host.Services.GetRequiredService<IHumanConnectUserResolver>().GetClientUserId(localUserId);

    public Task<HumanTokens?> StoredTokensOf(string localUserId) =>
        Host.Services.GetRequiredService<IHumanTokenStore>().GetAsync(localUserId, TestContext.Current.CancellationToken);

    /// <summary>A browser-like client signed in as <paramref name="localUserId"/>, carrying the antiforgery cookie and header.</summary>
    public async Task<HttpClient> SignInAsync(string localUserId)
    {
        var client = Host.CreateClient(cookies: true);
        client.DefaultRequestHeaders.Add(TestAuthenticationHandler.UserHeader, localUserId);
        var antiforgery = await client.GetFromJsonAsync<Dictionary<string, string>>("/test/antiforgery", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Add(antiforgery!["headerName"], antiforgery["requestToken"]);
        return client;
    }

    /// <summary>The sessionTokenObject the Connect page would hand <c>finish</c> for <paramref name="clientUserId"/>.</summary>
    public Task<JsonElement> CreateSessionAsync(string clientUserId, string? publicToken = null) =>
        SandboxApp.CreateSessionAsync(Anonymous, Prefix, clientUserId, publicToken);

    /// <summary>
    /// What the hosted page does for a returning user: opens Connect in edit mode with <paramref name="publicToken"/>,
    /// connects <paramref name="source"/> and presses Done. Returns the sessionTokenObject the page hands <c>finish</c>.
    /// </summary>
    public async Task<JsonElement> ConnectThroughPageAsync(string clientUserId, string publicToken, string source = "Starfleet Medical")
    {
        var view = await HostedPageCalls.OpenAsync(Anonymous, Prefix, new { clientId = HumanApiSandboxDefaults.ClientId, clientUserId, publicToken });
        Assert.Equal("edit", view.GetProperty("mode").GetString());
        view = await HostedPageCalls.SetSourceAsync(Anonymous, Prefix, view, source, connected: true);
        return (await HostedPageCalls.DoneAsync(Anonymous, Prefix, view)).GetProperty("token");
    }

    public static Task<HttpResponseMessage> FinishAsync(HttpClient client, JsonElement sessionTokenObject) =>
        client.PostAsJsonAsync("/connect/finish", sessionTokenObject, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
