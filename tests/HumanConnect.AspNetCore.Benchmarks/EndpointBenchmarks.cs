using System.Net.Http.Headers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
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
/// A whole request through the endpoints in process: authentication, antiforgery, strict binding, validation,
/// the upstream client's JSON (answered from memory) and the default encrypted store.
/// </summary>
[MemoryDiagnoser]
public class EndpointBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private string _cookie = null!;
    private string _token = null!;
    private byte[] _json = null!;
    private byte[] _form = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        TestAuthenticationHandler.Register(builder.Services);
        builder.Services
            .AddHumanConnect(options =>
            {
                options.ClientId = TestData.ClientId;
                options.ClientSecret = TestData.ClientSecret;

                // Measured in Production, on the memory cache: one process, nothing to keep.
                options.AllowInMemoryTokenStore = true;
            })
            .UpstreamHttpClient.ConfigurePrimaryHttpMessageHandler(() => new CannedHumanApiHandler());

        _app = builder.Build();
        _app.UseAuthentication();
        _app.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        _app.MapHumanConnect();
        await _app.StartAsync();

        _client = _app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/antiforgery");
        request.Headers.Add(TestAuthenticationHandler.UserHeader, TestData.Alice);
        using var response = await _client.SendAsync(request);
        _token = await response.Content.ReadAsStringAsync();
        _cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        _json = JsonSerializer.SerializeToUtf8Bytes(TestData.SessionTokenObject());
        using var form = new FormUrlEncodedContent(TestData.SessionTokenObject());
        _form = await form.ReadAsByteArrayAsync();

        // BenchmarkDotNet runs each benchmark in a process of its own: public-token needs a connection stored first.
        await PostAsync("/connect/finish", _json, "application/json");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Benchmark(Baseline = true)]
    public Task<int> FinishWithJson() => PostAsync("/connect/finish", _json, "application/json");

    [Benchmark]
    public Task<int> FinishWithForm() => PostAsync("/connect/finish", _form, "application/x-www-form-urlencoded");

    [Benchmark]
    public Task<int> PublicToken() => PostAsync("/connect/public-token", [], "application/json");

    private async Task<int> PostAsync(string path, byte[] body, string contentType)
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
}
