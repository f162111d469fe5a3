using System.Net;
using System.Security.Claims;
using HumanConnect.AspNetCore.Sandbox;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// The app under attack, as a host would write it: real Kestrel on loopback, real cookie authentication, the
/// library's endpoints (at the root and under <c>/health</c>) calling the sandbox over loopback HTTP, every log
/// record captured, every upstream call and store write attributed to its case. Bob and alice are connected
/// before any case runs; alice is the attacker, signed in. The app runs the legacy flow, or Connect v2
/// (<c>HumanConnect:ConnectVersion=V2</c>, the sandbox's token endpoint), where <c>POST /connect/sync</c> is live.
/// </summary>
internal sealed class HostileHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostileHost(WebApplication app, CaseLedger ledger, int port, HostileUsers users, HumanConnectVersion connectVersion)
    {
        _app = app;
        Ledger = ledger;
        Port = port;
        Users = users;
        ConnectVersion = connectVersion;
    }

    public string EnvironmentName => _app.Environment.EnvironmentName;

    public HumanConnectVersion ConnectVersion { get; }

    /// <summary>The environment, and the flow when it is Connect v2: how reports name the host.</summary>
    public string Name => ConnectVersion == HumanConnectVersion.V2 ? $"{EnvironmentName}, Connect v2" : EnvironmentName;

    public int Port { get; }

    public CaseLedger Ledger { get; }

    public HostileUsers Users { get; }

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    /// <summary>
    /// Starts a host; in the legacy flow, <paramref name="sessionPool"/> real session tokens for alice are minted once
    /// bob and alice are connected (Connect v2 has no session token for a body to carry).
    /// </summary>
    public static async Task<HostileHost> StartAsync(
        string environment, int sessionPool, CancellationToken cancellationToken, HumanConnectVersion connectVersion = HumanConnectVersion.Legacy)
    {
        var ledger = new CaseLedger();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            // Slow and stalled bodies time out within 2-3 s instead of Kestrel's five-second grace period (Kestrel wants
            // a grace period above its one-second heartbeat).
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.5));
        });
        builder.Logging.ClearProviders()
            .SetMinimumLevel(LogLevel.Debug)
            .AddFakeLogging()
            .AddProvider(new RequestFinishedWatcher(ledger));

        var services = builder.Services;
        services.AddSingleton(ledger);
        services.AddHttpContextAccessor();
        // Keys in memory: the suite writes nothing under the user's profile, and each host has its own key ring.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddAuthorization();
        var humanConnect = services.AddHumanConnect(options => options.ConnectVersion = connectVersion).UseHumanApiSandbox();

        // The Production host is the contract's host, and its Human API is the sandbox: allowed explicitly.
        services.Configure<HumanApiSandboxOptions>(options => options.AllowInProduction = true);
        humanConnect.UpstreamHttpClient.AddHttpMessageHandler(provider =>
            new CountingUpstreamHandler(ledger, provider.GetRequiredService<IHttpContextAccessor>()));
        WrapDefaultStore(humanConnect, ledger);

        // In Development, WebApplication puts the developer exception page in front of this pipeline, as in any app.
        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers[CaseLedger.CaseHeader] is { Count: > 0 } caseId)
            {
                ledger.RequestStarted(caseId.ToString(), context.TraceIdentifier, context.Connection.Id);
            }

            return next(context);
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        MapTestEndpoints(app);
        app.MapHumanConnect();
        app.MapGroup("/health").MapHumanConnect();
        app.MapHumanApiSandbox();

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;
        var users = connectVersion == HumanConnectVersion.V2
            ? await HostileUsers.SeedConnectV2Async(app.Services, port, cancellationToken)
            : await HostileUsers.SeedAsync(app.Services, port, sessionPool, cancellationToken);
        return new HostileHost(app, ledger, port, users, connectVersion);
    }

    /// <summary>What the store holds for the users a case could touch.</summary>
    public async Task<StoreSnapshot> SnapshotAsync()
    {
        var store = _app.Services.GetRequiredService<IHumanTokenStore>();
        return new StoreSnapshot(
            await store.GetAsync(HostileUsers.Alice, CancellationToken.None),
            await store.GetAsync(HostileUsers.Bob, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>Keeps the library's own default store (whatever it is) and records every write made through it.</summary>
    private static void WrapDefaultStore(HumanConnectBuilder humanConnect, CaseLedger ledger)
    {
        var registered = humanConnect.Services.Last(service => service.ServiceType == typeof(IHumanTokenStore));
        var implementation = registered.ImplementationType
            ?? throw new InvalidOperationException("The library's default token store is no longer registered by type; adapt WrapDefaultStore.");
        humanConnect.AddTokenStore(
            provider => new RecordingTokenStore(
                (IHumanTokenStore)ActivatorUtilities.CreateInstance(provider, implementation), ledger, provider.GetRequiredService<IHttpContextAccessor>()),
            ServiceLifetime.Singleton);
    }

    /// <summary>Test-only endpoints: a real cookie sign-in, the antiforgery token of the signed-in user, and one that throws.</summary>
    private static void MapTestEndpoints(WebApplication app)
    {
        app.MapPost("/test/signin", async context =>
        {
            var user = context.Request.Query["user"].ToString();
            var identity = new ClaimsIdentity(
                [new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user)], CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        app.MapGet("/test/antiforgery", async context =>
        {
            var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(tokens.RequestToken!);
        });
        // Only the meta checks call it: proof that an unhandled exception is seen by the log checks.
        app.MapGet("/test/throw", new RequestDelegate(_ => throw new InvalidOperationException("Deliberate failure for the meta check.")));
    }
}

/// <summary>The store's records for alice and bob (records compare by value).</summary>
internal sealed record StoreSnapshot(HumanTokens? Alice, HumanTokens? Bob)
{
    public override string ToString() =>
        $"alice: {Alice?.HumanId ?? "none"}/{Alice?.PublicToken ?? "-"}, bob: {Bob?.HumanId ?? "none"}/{Bob?.PublicToken ?? "-"}";
}
