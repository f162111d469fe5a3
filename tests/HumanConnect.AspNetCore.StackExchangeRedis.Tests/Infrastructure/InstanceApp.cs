using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.StackExchangeRedis;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.StackExchangeRedis.Tests.Infrastructure;

/// <summary>
/// One instance of a host app, as the README's "Running several instances" writes it: real loopback Kestrel,
/// <c>AddHumanConnect(...).UseRedis(...)</c>, a shared Data Protection application name. The first instance mounts
/// the sandbox; the others use it as their Human API, over HTTP, by its URLs and credentials. Besides the library's
/// endpoints it serves <c>GET /test/antiforgery</c> (what a page renders) and <c>GET /test/button</c> (the Connect
/// button the page would render, as JSON).
/// </summary>
internal sealed class InstanceApp : IAsyncDisposable
{
    public const string SandboxPrefix = "/sandbox";

    private readonly HttpClient _http;
    private readonly string _machineFolder;

    private InstanceApp(WebApplication app, Uri address, string machineFolder)
    {
        App = app;
        Address = address;
        _machineFolder = machineFolder;
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    /// <summary>
    /// Starts an instance; with no <paramref name="humanApi"/> it mounts the sandbox, otherwise it calls that instance's.
    /// <paramref name="beforeEveryRequest"/> runs first for every request, the sandbox's own included;
    /// <paramref name="services"/> adds host registrations, and <paramref name="map"/> maps host endpoints beside the library's.
    /// </summary>
    public static async Task<InstanceApp> StartAsync(
        string applicationName,
        Action<HumanConnectRedisOptions> redis,
        InstanceApp? humanApi = null,
        Action<HumanConnectOptions>? options = null,
        Func<HttpContext, Task>? beforeEveryRequest = null,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? map = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        TestAuthenticationHandler.Register(builder.Services);
        builder.Services.AddAuthorization();
        // Each instance its own machine: without UseRedis its key ring would be a folder of its own, never shared.
        var machineFolder = Directory.CreateTempSubdirectory("hc-instance-").FullName;
        builder.Services.AddDataProtection().SetApplicationName(applicationName).PersistKeysToFileSystem(new DirectoryInfo(machineFolder));
        var humanConnect = builder.Services.AddHumanConnect(o =>
        {
            if (humanApi is not null)
            {
                // The README's "real Human API" mode, given another instance's sandbox.
                o.ClientId = HumanApiSandboxDefaults.ClientId;
                o.ClientSecret = HumanApiSandboxDefaults.ClientSecret;
                o.TokensEndpoint = new Uri(humanApi.Address, $"{SandboxPrefix}/v1/connect/tokens");
                o.PublicTokensEndpoint = new Uri(humanApi.Address, $"{SandboxPrefix}/v1/connect/publictokens");
                o.ConnectScriptUrl = new Uri(humanApi.Address, $"{SandboxPrefix}/connect.js").ToString();
                o.ConnectBaseUrl = new Uri(humanApi.Address, SandboxPrefix).ToString();
            }

            options?.Invoke(o);
        }).UseRedis(redis);
        if (humanApi is null)
        {
            humanConnect.UseHumanApiSandbox(SandboxPrefix);

            // The slim builder runs in Production, where the sandbox is refused unless a host opts in; this is a test host.
            builder.Services.Configure<HumanApiSandboxOptions>(sandbox => sandbox.AllowInProduction = true);
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (beforeEveryRequest is not null)
        {
            app.Use(async (context, next) =>
            {
                await beforeEveryRequest(context);
                await next(context);
            });
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/test/antiforgery", (HttpContext context, IAntiforgery antiforgery) =>
            Results.Json(new Dictionary<string, string?> { ["requestToken"] = antiforgery.GetAndStoreTokens(context).RequestToken }));
        app.MapGet("/test/button", (Func<HttpContext, Task<IResult>>)RenderButtonAsync);
        app.MapHumanConnect();
        map?.Invoke(app);
        if (humanApi is null)
        {
            app.MapHumanApiSandbox(SandboxPrefix);
        }

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new InstanceApp(app, new Uri(address), machineFolder);
    }

    /// <summary>What this instance's page gives <paramref name="localUserId"/>: the antiforgery cookie and request token.</summary>
    public async Task<Browser> SignInAsync(string localUserId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/antiforgery");
        request.Headers.Add(TestAuthenticationHandler.UserHeader, localUserId);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<Dictionary<string, string>>(TestContext.Current.CancellationToken))!["requestToken"];
        return new Browser(localUserId, Assert.Single(response.Headers.GetValues("Set-Cookie")).Split(';')[0], token);
    }

    public Task<HttpResponseMessage> FinishAsync(Browser browser, JsonElement sessionTokenObject) =>
        PostAsync("/connect/finish", browser, JsonContent.Create(sessionTokenObject));

    public Task<HttpResponseMessage> PublicTokenAsync(Browser browser) => PostAsync("/connect/public-token", browser, content: null);

    /// <summary>The button this instance renders for the browser's user: its state, and the publicToken in edit mode.</summary>
    public async Task<(string State, string? PublicToken)> ButtonAsync(Browser browser)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/button");
        request.Headers.Add(TestAuthenticationHandler.UserHeader, browser.LocalUserId);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var button = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        var config = button.GetProperty("config").GetString();
        var publicToken = config is not null && JsonDocument.Parse(config).RootElement.TryGetProperty("publicToken", out var token) ? token.GetString() : null;
        return (button.GetProperty("state").GetString()!, publicToken);
    }

    /// <summary>The test shortcut of this instance's sandbox: the sessionTokenObject Connect would hand finish.</summary>
    public async Task<JsonElement> CreateSessionAsync(string localUserId, string? publicToken = null)
    {
        using var response = await _http.PostAsJsonAsync($"{SandboxPrefix}/v1/connect/sessions", new
        {
            clientId = HumanApiSandboxDefaults.ClientId,
            clientSecret = HumanApiSandboxDefaults.ClientSecret,
            clientUserId = Services.GetRequiredService<IHumanConnectUserResolver>().GetClientUserId(localUserId),
            publicToken,
        }, TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.Clone();
    }

    /// <summary>What the next edit-mode open of this instance's sandbox answers for the publicToken: 200, or 401 when it is stale.</summary>
    public async Task<int> OpenEditModeAsync(string localUserId, string publicToken)
    {
        using var response = await _http.PostAsJsonAsync($"{SandboxPrefix}/v1/ui/open", new
        {
            clientId = HumanApiSandboxDefaults.ClientId,
            clientUserId = Services.GetRequiredService<IHumanConnectUserResolver>().GetClientUserId(localUserId),
            publicToken,
        }, TestContext.Current.CancellationToken);
        return (int)response.StatusCode;
    }

    public Task<HumanTokens?> StoredTokensOf(string localUserId) =>
        Services.GetRequiredService<IHumanTokenStore>().GetAsync(localUserId, TestContext.Current.CancellationToken);

    /// <summary>Every log record so far, formatted with its exception, for "nothing secret was logged" checks.</summary>
    public string AllLogText() =>
        string.Join('\n', Logs.GetSnapshot().Select(record => $"{record.Category} {record.Message} {record.Exception}"));

    public int CountOf(string eventName) => Logs.GetSnapshot().Count(record => record.Id.Name == eventName);

    /// <summary>A GET to this instance over real HTTP: its status and body.</summary>
    public async Task<(int Status, string Body)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(path, TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await App.DisposeAsync();
        Directory.Delete(_machineFolder, recursive: true);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, Browser browser, HttpContent? content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Add(TestAuthenticationHandler.UserHeader, browser.LocalUserId);
        request.Headers.Add("Cookie", browser.AntiforgeryCookie);
        request.Headers.Add("RequestVerificationToken", browser.RequestToken);
        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The page's own rendering of <c>&lt;human-connect-button /&gt;</c>, reduced to what the tests read.</summary>
    private static async Task<IResult> RenderButtonAsync(HttpContext context)
    {
        var helper = new HumanConnectButtonTagHelper { ViewContext = new ViewContext { HttpContext = context } };
        var output = new TagHelperOutput("human-connect-button", [],
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent())) { TagMode = TagMode.SelfClosing };
        await helper.ProcessAsync(new TagHelperContext("human-connect-button", [], new Dictionary<object, object>(), "button"), output);
        return Results.Json(new Dictionary<string, string?>
        {
            ["state"] = output.Attributes[HumanConnectButtonStateAttribute]?.Value?.ToString(),
            ["config"] = output.Attributes.TryGetAttribute("data-human-connect", out var config) ? config.Value?.ToString() : null,
        });
    }

    private const string HumanConnectButtonStateAttribute = "data-human-connect-state";
}

/// <summary>A signed-in user's browser as a page of one instance left it: the antiforgery cookie and the token the page rendered.</summary>
internal sealed record Browser(string LocalUserId, string AntiforgeryCookie, string RequestToken);
