using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// One host on TestServer with the library's endpoints and the two hand-written finishes beside them, all calling
/// Human API through <see cref="CannedHumanApiHandler"/>, and a signed-in user with a valid antiforgery pair, so a
/// benchmark measures whole requests through the real pipeline and nothing else differs between the endpoints.
/// </summary>
internal sealed class InProcessApp : IAsyncDisposable
{
    private static readonly Uri TokensEndpoint = new("https://user.humanapi.co/v1/connect/tokens");

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly string _cookie;
    private readonly string _token;

    private InProcessApp(WebApplication app, HttpClient client, string cookie, string token)
    {
        _app = app;
        _client = client;
        _cookie = cookie;
        _token = token;
    }

    /// <summary>The sessionTokenObject as JSON.</summary>
    public static byte[] Json { get; } = JsonSerializer.SerializeToUtf8Bytes(TestData.SessionTokenObject());

    private static long _sessionTokens;

    /// <summary>
    /// A sessionTokenObject whose session token no earlier request used. The library exchanges each session token
    /// once and answers a repeated one from the store, so a constant body would measure that replay, not an exchange.
    /// </summary>
    public static byte[] FreshJson() =>
        Encoding.UTF8.GetBytes($"{{\"humanId\":\"{TestData.HumanId}\",\"clientId\":\"{TestData.ClientId}\",\"sessionToken\":\"{NextSessionToken()}\"}}");

    /// <summary>The same as <see cref="FreshJson"/>, form-encoded.</summary>
    public static byte[] FreshForm() =>
        Encoding.UTF8.GetBytes($"humanId={TestData.HumanId}&clientId={TestData.ClientId}&sessionToken={NextSessionToken()}");

    private static string NextSessionToken() => Interlocked.Increment(ref _sessionTokens).ToString("x32", CultureInfo.InvariantCulture);

    public static async Task<InProcessApp> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        TestAuthenticationHandler.Register(builder.Services);
        builder.Services
            .AddHumanConnect(options =>
            {
                options.ClientId = TestData.ClientId;
                options.ClientSecret = TestData.ClientSecret;
                options.TokensEndpoint = TokensEndpoint;
                // Measured in Production on the memory cache, one process with nothing to keep: opted in explicitly.
                options.AllowInMemoryTokenStore = true;
            })
            .UpstreamHttpClient.ConfigurePrimaryHttpMessageHandler(() => new CannedHumanApiHandler());
        builder.Services.AddHandWrittenFinish().ConfigurePrimaryHttpMessageHandler(() => new CannedHumanApiHandler());

        var app = builder.Build();
        app.UseAuthentication();
        app.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        app.MapHumanConnect();
        app.MapHandWrittenFinishes(TokensEndpoint, TestData.ClientSecret);
        await app.StartAsync();

        var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/antiforgery");
        request.Headers.Add(TestAuthenticationHandler.UserHeader, TestData.Alice);
        using var response = await client.SendAsync(request);
        var token = await response.Content.ReadAsStringAsync();
        var cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        var inProcess = new InProcessApp(app, client, cookie, token);

        // BenchmarkDotNet runs each benchmark in a process of its own: public-token needs a connection stored first.
        await inProcess.PostAsync("/connect/finish", Json, "application/json");
        return inProcess;
    }

    /// <summary>POSTs as the signed-in user with the antiforgery cookie and header; throws unless the answer is a 2xx.</summary>
    public async Task<int> PostAsync(string path, byte[] body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add(TestAuthenticationHandler.UserHeader, TestData.Alice);
        request.Headers.Add("Cookie", _cookie);
        request.Headers.Add("RequestVerificationToken", _token);
        using var response = await _client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (int)response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }
}
