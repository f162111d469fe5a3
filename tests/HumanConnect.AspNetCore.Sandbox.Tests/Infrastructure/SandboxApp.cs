using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
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
    public const string AppKey = HumanApiSandboxDefaults.AppKey;

    /// <summary>Both demo sources: wellness data from the pharmacy, medical records from the medical one.</summary>
    public static readonly string[] BothSources = ["Starfleet Pharmacy", "Starfleet Medical"];

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

    /// <summary>
    /// Creates a user through the shortcut and exchanges their first session token: the tokens an app would store.
    /// <paramref name="sources"/> defaults to the first demo source.
    /// </summary>
    public async Task<JsonElement> ConnectNewUserAsync(string clientUserId, string[]? sources = null)
    {
        var session = await CreateSessionAsync(clientUserId, sources: sources);
        using var response = await ExchangeAsync(session);
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public Task<HttpResponseMessage> PublicTokensAsync(string humanId, string clientSecret = ClientSecret) =>
        PostAsync("/sandbox/v1/connect/publictokens", new { humanId, clientId = ClientId, clientSecret });

    /// <summary><c>GET {prefix}/v1/human{pathAndQuery}</c> with the token as Bearer (none when <see langword="null"/>).</summary>
    public async Task<HttpResponseMessage> DataAsync(string? accessToken, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/v1/human" + pathAndQuery);
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The data API's JSON answer, asserting it is 200.</summary>
    public async Task<JsonElement> DataJsonAsync(string? accessToken, string pathAndQuery)
    {
        using var response = await DataAsync(accessToken, pathAndQuery);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{pathAndQuery} answered {(int)response.StatusCode}");
        return await ReadJsonAsync(response);
    }

    /// <summary>An Application API call, <c>{prefix}/v1/apps/{clientId}/users{path}</c>, with the App Key as Basic user name.</summary>
    public async Task<HttpResponseMessage> AppsAsync(HttpMethod method, string path = "", string? appKey = AppKey, string clientId = ClientId, string password = "")
    {
        using var request = new HttpRequestMessage(method, $"/sandbox/v1/apps/{clientId}/users{path}");
        if (appKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(appKey + ":" + password)));
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => Host.DisposeAsync();
}
