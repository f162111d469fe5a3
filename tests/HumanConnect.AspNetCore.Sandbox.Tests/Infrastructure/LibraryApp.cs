using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A host app exactly as the README tells it to be written, pointed at the sandbox with UseHumanApiSandbox: the
/// library's endpoints call the sandbox over real loopback HTTP on the port Kestrel picked.
/// </summary>
internal sealed class LibraryApp : IAsyncDisposable
{
    private readonly List<IServiceScope> _scopes = [];

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
    /// <param name="services">Host registrations made after <c>AddHumanConnect</c> (a shared cache, a key ring).</param>
    /// <param name="map">Further endpoints of the test host (a page).</param>
    public static async Task<LibraryApp> StartAsync(
        string prefix = "/sandbox", Action<HumanConnectOptions>? configure = null, Action<HumanConnectOptions>? postConfigure = null,
        Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
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

                        // KestrelApp runs in Production (the slim builder's default), one instance on the memory cache.
                        options.AllowInMemoryTokenStore = true;
                        configure?.Invoke(options);
                    })
                    .UseHumanApiSandbox(prefix);
                builder.Services.Configure<HumanApiSandboxOptions>(options => options.AllowInProduction = true);
                if (postConfigure is not null)
                {
                    builder.Services.PostConfigure(postConfigure);
                }

                services?.Invoke(builder.Services);
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
                app.MapGet("/test/button", RenderButtonInRequestAsync);
                app.MapHumanConnect();
                app.MapHumanApiSandbox(prefix);
                map?.Invoke(app);
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
    public Task<JsonElement> CreateSessionAsync(string clientUserId, string? publicToken = null, string[]? sources = null) =>
        SandboxApp.CreateSessionAsync(Anonymous, Prefix, clientUserId, publicToken, sources);

    /// <summary>Connects <paramref name="localUserId"/> through the library's finish endpoint, with both demo sources by default.</summary>
    public async Task<HttpClient> ConnectAsync(string localUserId, string[]? sources = null)
    {
        var client = await SignInAsync(localUserId);
        using var finished = await FinishAsync(client, await CreateSessionAsync(ClientUserIdOf(localUserId), sources: sources ?? SandboxApp.BothSources));
        Assert.Equal(System.Net.HttpStatusCode.OK, finished.StatusCode);
        return client;
    }

    /// <summary>The data client for <paramref name="localUserId"/>, resolved in a scope of its own as a job would.</summary>
    public IHumanUserData DataFor(string localUserId)
    {
        var scope = Host.Services.CreateScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<IHumanDataClient>().ForUser(localUserId);
    }

    /// <summary>An Application API call to the sandbox with its App Key, as an operator's script would make it.</summary>
    public async Task<HttpResponseMessage> AppsAsync(HttpMethod method, string humanId)
    {
        using var request = new HttpRequestMessage(method, $"{Prefix}/v1/apps/{HumanApiSandboxDefaults.ClientId}/users/{humanId}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(HumanApiSandboxDefaults.AppKey + ":")));
        return await Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>A data API call to the sandbox with <paramref name="accessToken"/> as Bearer.</summary>
    public async Task<HttpResponseMessage> RawDataAsync(string accessToken, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/v1/human/{pathAndQuery}");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return await Anonymous.SendAsync(request, TestContext.Current.CancellationToken);
    }

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

    /// <summary>What <c>&lt;human-connect-button /&gt;</c> renders for the client's user, as a page would show it.</summary>
    public static async Task<RenderedButton> RenderButtonAsync(HttpClient client)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>("/test/button", TestContext.Current.CancellationToken);
        var config = answer.GetProperty("config").GetString();
        return new RenderedButton(config is null ? null : JsonDocument.Parse(config).RootElement.Clone(), answer.GetProperty("disabled").GetBoolean())
        {
            HapiToken = answer.GetProperty("hapiToken").GetString(),
            State = answer.GetProperty("state").GetString(),
        };
    }

    public ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        return Host.DisposeAsync();
    }

    /// <summary>Runs the public tag helper inside a real request, as Razor would, and answers its config and state.</summary>
    private static async Task RenderButtonInRequestAsync(HttpContext context)
    {
        var helper = new HumanConnectButtonTagHelper { ViewContext = new ViewContext { HttpContext = context } };
        var output = new TagHelperOutput("human-connect-button", [],
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent())) { TagMode = TagMode.SelfClosing };
        await helper.ProcessAsync(new TagHelperContext("human-connect-button", [], new Dictionary<object, object>(), "button"), output);
        await context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["config"] = output.Attributes.TryGetAttribute("data-human-connect", out var config) ? config.Value?.ToString() : null,
            ["disabled"] = output.Attributes.ContainsName("disabled"),
            ["hapiToken"] = output.Attributes.TryGetAttribute("data-hapi-token", out var token) ? token.Value?.ToString() : null,
            ["state"] = output.Attributes.TryGetAttribute("data-human-connect-state", out var state) ? state.Value?.ToString() : null,
        }, context.RequestAborted);
    }
}

/// <summary>
/// A rendered Connect button: its <c>data-human-connect</c> JSON (none when disabled, or in Connect v2) and whether it is
/// disabled; in Connect v2, the token it opens Connect with. Its state (create, edit, reconnect, unavailable) in either flow.
/// </summary>
internal sealed record RenderedButton(JsonElement? Config, bool Disabled)
{
    public string? HapiToken { get; init; }

    public string? State { get; init; }
}
