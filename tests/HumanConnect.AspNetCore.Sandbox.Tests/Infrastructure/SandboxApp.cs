using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>The sandbox alone, mapped at /sandbox on a real loopback Kestrel, with a fake clock and JSON helpers.</summary>
internal sealed class SandboxApp : IAsyncDisposable
{
    public const string ClientId = HumanApiSandboxDefaults.ClientId;
    public const string ClientSecret = HumanApiSandboxDefaults.ClientSecret;

    private SandboxApp(KestrelApp app, FakeTimeProvider time)
    {
        Host = app;
        Time = time;
        Http = app.CreateClient();
    }

    public KestrelApp Host { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public IHumanApiSandboxFaults Faults => Host.Services.GetRequiredService<IHumanApiSandboxFaults>();

    public static async Task<SandboxApp> StartAsync(
        Action<WebApplication>? beforeMap = null, string prefix = "/sandbox", Action<IServiceCollection>? configureServices = null, string? contentRoot = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var app = await KestrelApp.StartAsync(
            builder =>
            {
                // KestrelApp runs in Production (the slim builder's default): the sandbox must be allowed there.
                builder.Services.AddHumanApiSandbox(options => options.AllowInProduction = true).AddSingleton<TimeProvider>(time);
                configureServices?.Invoke(builder.Services);
            },
            app =>
            {
                beforeMap?.Invoke(app);
                app.MapHumanApiSandbox(prefix);
            },
            contentRoot);
        return new SandboxApp(app, time);
    }

    public Task<HttpResponseMessage> PostAsync(string path, object body) =>
        Http.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);

    /// <summary>The test shortcut: a sessionTokenObject as if the user had connected through the page.</summary>
    public Task<JsonElement> CreateSessionAsync(string clientUserId, string? publicToken = null, string[]? sources = null) =>
        CreateSessionAsync(Http, "/sandbox", clientUserId, publicToken, sources);

    /// <summary>The test shortcut on a sandbox mapped at <paramref name="prefix"/>, with the sandbox's own client.</summary>
    public static async Task<JsonElement> CreateSessionAsync(
        HttpClient http, string prefix, string clientUserId, string? publicToken = null, string[]? sources = null)
    {
        using var response = await http.PostAsJsonAsync($"{prefix}/v1/connect/sessions",
            new { clientId = ClientId, clientSecret = ClientSecret, clientUserId, publicToken, sources }, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public Task<HttpResponseMessage> ExchangeAsync(JsonElement sessionTokenObject, string clientSecret = ClientSecret, string clientId = ClientId) =>
        PostAsync("/sandbox/v1/connect/tokens", new
        {
            humanId = sessionTokenObject.GetProperty("humanId").GetString(),
            clientId,
            clientSecret,
            sessionToken = sessionTokenObject.GetProperty("sessionToken").GetString(),
        });

    /// <summary>Creates a user through the shortcut and exchanges their first session token: the tokens an app would store.</summary>
    public async Task<JsonElement> ConnectNewUserAsync(string clientUserId)
    {
        var session = await CreateSessionAsync(clientUserId);
        using var response = await ExchangeAsync(session);
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public Task<HttpResponseMessage> PublicTokensAsync(string humanId, string clientSecret = ClientSecret) =>
        PostAsync("/sandbox/v1/connect/publictokens", new { humanId, clientId = ClientId, clientSecret });

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
