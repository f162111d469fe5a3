using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>Builds the services a host would have after AddHumanConnect, so tests resolve the default store as a host does.</summary>
internal static class StoreHost
{
    public static ServiceProvider Build(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();

        // A key ring in memory, private to this provider: the default one would write keys to ~/.aspnet and share
        // them between test runs. AddHumanConnect's AddDataProtection keeps it.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        configure?.Invoke(services);
        services.AddHumanConnect(options =>
        {
            options.ClientId = TestData.ClientId;
            options.ClientSecret = TestData.ClientSecret;
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
