using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.DependencyInjection;

/// <summary>Connect v2's services, registered by <c>AddHumanConnect</c> whichever flow the options choose: the option may change while the app runs.</summary>
internal static class ConnectV2Services
{
    public static void AddHumanConnectV2(this IServiceCollection services)
    {
        services.TryAddSingleton<ConnectTokenClient>();

        // The host's TimeProvider when it registered one (token expiry follows it), the system clock otherwise.
        services.TryAddSingleton(static provider => new ConnectTokenCache(
            provider.GetRequiredService<IDistributedCache>(),
            provider.GetRequiredService<IDataProtectionProvider>(),
            provider.GetService<TimeProvider>() ?? TimeProvider.System,
            provider.GetRequiredService<ILogger<ConnectTokenCache>>()));

        // Scoped, like HumanConnectFlow: the store may be.
        services.TryAddScoped<ConnectV2Records>();
        services.TryAddScoped<ConnectV2Flow>();
        services.TryAddScoped<IHumanConnectMigration, ConnectV2Migration>();
        services.TryAddScoped<StoredAccessTokenSource>();
        services.TryAddScoped<ConnectV2AccessTokenSource>();
        services.TryAddScoped<IHumanAccessTokenSource>(static provider =>
            provider.GetRequiredService<IOptionsMonitor<HumanConnectOptions>>().CurrentValue.ConnectVersion == HumanConnectVersion.V2
                ? provider.GetRequiredService<ConnectV2AccessTokenSource>()
                : provider.GetRequiredService<StoredAccessTokenSource>());
    }
}
