using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Configures Human Connect further after <c>AddHumanConnect</c>: replaces its token store, its coordinator or its user
/// resolver, and extends its HTTP clients to Human API.
/// </summary>
public sealed class HumanConnectBuilder
{
    internal HumanConnectBuilder(IServiceCollection services, IHttpClientBuilder upstreamHttpClient, IHttpClientBuilder dataHttpClient)
    {
        Services = services;
        UpstreamHttpClient = upstreamHttpClient;
        DataHttpClient = dataHttpClient;
    }

    /// <summary>The application's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The HTTP client that calls Human API's token endpoints, and the Application API when a user is disconnected.
    /// Add a proxy, message handlers or a resilience pipeline here. Keep in mind that its requests carry the client
    /// secret and the App Key: never add a handler that logs bodies or headers,
    /// and if you replace the primary handler, keep <c>AllowAutoRedirect</c> off (the default one has it off) so a
    /// redirect cannot resend the secret elsewhere. Do not retry POSTs: the session token is single-use.
    /// </summary>
    public IHttpClientBuilder UpstreamHttpClient { get; }

    /// <summary>
    /// The HTTP client of the data client (<see cref="IHumanDataClient"/>): GETs to the data API with a user's access
    /// token in the <c>Authorization</c> header. Add a proxy or handlers here. The data client already tries a GET again
    /// (<see cref="HumanConnectOptions.DataApiMaxAttempts"/>); a retrying pipeline added here multiplies with it. Never
    /// add a handler that logs headers, and keep <c>AllowAutoRedirect</c> off if you replace the primary handler.
    /// </summary>
    public IHttpClientBuilder DataHttpClient { get; }

    /// <summary>Replaces the default store (on <c>IDistributedCache</c>) with <typeparamref name="TStore"/>.</summary>
    /// <typeparam name="TStore">The store; it receives its dependencies from the container.</typeparam>
    /// <param name="lifetime">Its lifetime: scoped by default, so a store may depend on a <c>DbContext</c>.</param>
    /// <returns>This builder.</returns>
    public HumanConnectBuilder AddTokenStore<TStore>(ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TStore : class, IHumanTokenStore
    {
        Services.Replace(ServiceDescriptor.Describe(typeof(IHumanTokenStore), typeof(TStore), lifetime));
        return this;
    }

    /// <summary>Replaces the default store with one the factory creates.</summary>
    /// <param name="factory">Creates the store.</param>
    /// <param name="lifetime">Its lifetime: scoped by default.</param>
    /// <returns>This builder.</returns>
    public HumanConnectBuilder AddTokenStore(Func<IServiceProvider, IHumanTokenStore> factory, ServiceLifetime lifetime = ServiceLifetime.Scoped)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.Replace(ServiceDescriptor.Describe(typeof(IHumanTokenStore), factory, lifetime));
        return this;
    }

    /// <summary>
    /// Replaces the default coordinator (in process memory, correct on one instance only) with
    /// <typeparamref name="TCoordinator"/>, which every instance of the app must share.
    /// </summary>
    /// <typeparam name="TCoordinator">The coordinator, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public HumanConnectBuilder AddCoordinator<TCoordinator>()
        where TCoordinator : class, IHumanConnectCoordinator
    {
        Services.Replace(ServiceDescriptor.Singleton<IHumanConnectCoordinator, TCoordinator>());
        return this;
    }

    /// <summary>Replaces how the signed-in user and their <c>clientUserId</c> are determined.</summary>
    /// <typeparam name="TResolver">The resolver, registered as a singleton.</typeparam>
    /// <returns>This builder.</returns>
    public HumanConnectBuilder AddUserResolver<TResolver>()
        where TResolver : class, IHumanConnectUserResolver
    {
        Services.Replace(ServiceDescriptor.Singleton<IHumanConnectUserResolver, TResolver>());
        return this;
    }
}
