using System.Net.Http.Headers;
using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.Components;
using HumanConnect.AspNetCore.Configuration;
using HumanConnect.AspNetCore.Connections;
using HumanConnect.AspNetCore.DataClient;
using HumanConnect.AspNetCore.DependencyInjection;
using HumanConnect.AspNetCore.Coordination;
using HumanConnect.AspNetCore.Diagnostics;
using HumanConnect.AspNetCore.Endpoints;
using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Rendering;
using HumanConnect.AspNetCore.Storage;
using HumanConnect.AspNetCore.Upstream;
using HumanConnect.AspNetCore.Users;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Human Connect.</summary>
public static class HumanConnectServiceCollectionExtensions
{
    /// <summary>
    /// Adds Human Connect with options bound from a configuration section (usually <c>HumanConnect</c>). The
    /// options are validated when the host starts; every problem is reported at once.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The section holding <c>ClientId</c>, <c>ClientSecret</c> and the other <see cref="HumanConnectOptions"/>.</param>
    /// <returns>A builder to replace the token store or configure the HTTP client to Human API.</returns>
    public static HumanConnectBuilder AddHumanConnect(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<HumanConnectOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>Adds Human Connect with options set in code. They are validated when the host starts.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Sets <see cref="HumanConnectOptions"/>.</param>
    /// <returns>A builder to replace the token store or configure the HTTP client to Human API.</returns>
    public static HumanConnectBuilder AddHumanConnect(this IServiceCollection services, Action<HumanConnectOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<HumanConnectOptions>().Configure(configure);
        return AddCore(services);
    }

    private static HumanConnectBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<HumanConnectOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HumanConnectOptions>, HumanConnectOptionsValidator>());

        // The collection itself, read when the host starts: by then the host has registered its cache and store.
        services.TryAddSingleton(new HumanConnectRegistrations(services));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HumanConnectOptions>, InMemoryTokenStoreValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HumanConnectOptions>, EventsValidator>());

        // Both are TryAdd inside: a cache (Redis, SQL) or key ring the host registered is kept.
        services.AddDistributedMemoryCache();
        services.AddDataProtection();
        services.AddAntiforgery();

        // The endpoints are mapped with routing and the button links to them through LinkGenerator.
        services.AddRouting();

        // The meter comes from the host's IMeterFactory (TryAdd inside), so every host has instruments of its own.
        services.AddMetrics();
        services.TryAddSingleton<HumanConnectTelemetry>();

        services.TryAddSingleton<IHumanConnectUserResolver, ClaimsHumanConnectUserResolver>();
        services.TryAddSingleton<IHumanTokenStore, DistributedCacheHumanTokenStore>();
        services.TryAddSingleton<HumanConnectEndpointNames>();

        // Correct on one instance; several instances need a shared one (UseRedis, or AddCoordinator<T>()). Always the
        // system clock: a host's fake TimeProvider must not freeze the leases that free a user's lock.
        services.TryAddSingleton<IHumanConnectCoordinator>(static _ => new InProcessHumanConnectCoordinator(TimeProvider.System));
        services.TryAddSingleton<UserLocks>();
        services.TryAddSingleton<ExchangeMarkers>();
        services.TryAddSingleton<HumanApiClient>();
        services.TryAddSingleton<FlowEvents>();
        services.TryAddSingleton<HumanApplicationApiClient>();
        services.TryAddSingleton<HumanDataApiClient>();
        services.TryAddSingleton(new DataApiClock(TimeProvider.System));
        services.TryAddScoped<HumanConnectFlow>();
        services.TryAddScoped<HumanDataFlow>();
        services.TryAddScoped<IHumanDataClient, HumanDataClient>();
        services.TryAddScoped<IHumanConnections, HumanConnections>();
        services.AddHumanConnectRendering();
        services.TryAddScoped<HumanConnectComponentState>();
        services.AddHumanConnectV2();

        // The Connect calls (and the Application API's DELETE) on one client, the data API's GETs on another, so a
        // host can add a retrying pipeline to the second without it ever replaying a single-use exchange.
        var upstream = AddUpstreamClient(services, HumanApiClient.HttpClientName);
        var data = AddUpstreamClient(services, HumanDataApiClient.HttpClientName);
        return new HumanConnectBuilder(services, upstream, data);
    }

    private static IHttpClientBuilder AddUpstreamClient(IServiceCollection services, string name)
    {
        var client = services.AddHttpClient(name, static client =>
        {
            // The clients enforce HumanConnectOptions.UpstreamTimeout per call, so the options stay the one knob.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            client.DefaultRequestHeaders.UserAgent.Add(UserAgent);
        });

        // A followed redirect would send the client secret, the App Key or an access token again, to whatever host
        // Location names; the clients answer a redirect as a failure instead.
        client.UseSocketsHttpHandler(static (handler, _) => handler.AllowAutoRedirect = false);

        // The clients log each call themselves, without bodies or URLs. The factory's default loggers would log URLs,
        // and a failing handler's exception message, which a host's handler might fill with the signed request.
        client.RemoveAllLoggers();
        return client;
    }

    private static readonly ProductInfoHeaderValue UserAgent = new("HumanConnect.AspNetCore", ReleaseVersion.Value);
}
