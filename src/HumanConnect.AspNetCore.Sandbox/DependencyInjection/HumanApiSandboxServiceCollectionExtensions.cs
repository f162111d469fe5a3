using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.Sandbox.Endpoints;
using HumanConnect.AspNetCore.Sandbox.Faults;
using HumanConnect.AspNetCore.Sandbox.Hosting;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Human API sandbox.</summary>
public static class HumanApiSandboxServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Human API sandbox's services: its state, its fault switch (<see cref="IHumanApiSandboxFaults"/>)
    /// and its options, validated when the host starts. Map its endpoints with <c>app.MapHumanApiSandbox()</c>.
    /// Calling it again only applies <paramref name="configure"/> once more.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configure">Changes the sandbox's defaults (credentials, lifetimes, demo sources); optional.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <remarks>
    /// The sandbox is for development and tests, and its credentials are public. It keeps its users in memory, so a
    /// restart forgets them (and the tokens a host stored stop working) unless
    /// <see cref="HumanApiSandboxOptions.StateFilePath"/> names a file to keep them in. Open Connect sessions and
    /// unspent session tokens are never written: a restart always ends them.
    /// It reads time from the container's <see cref="TimeProvider"/>, <see cref="TimeProvider.System"/> unless the
    /// host registers another.
    /// </remarks>
    public static IServiceCollection AddHumanApiSandbox(this IServiceCollection services, Action<HumanApiSandboxOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HumanApiSandboxOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HumanApiSandboxOptions>, HumanApiSandboxOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxState>();
        services.TryAddSingleton<SandboxCredentials>();
        services.TryAddSingleton<SandboxFaults>();
        services.TryAddSingleton<IHumanApiSandboxFaults>(static provider => provider.GetRequiredService<SandboxFaults>());
        services.TryAddSingleton<SandboxFaultPlayer>();
        services.TryAddSingleton<SandboxConnectApi>();
        services.TryAddSingleton<SandboxConnectUi>();
        services.TryAddSingleton<SandboxConnectTokenApi>();
        services.TryAddSingleton<SandboxConnectV2Ui>();
        services.TryAddSingleton<SandboxFaultApi>();
        services.TryAddSingleton<SandboxDataApi>();
        services.TryAddSingleton<SandboxApplicationApi>();
        services.TryAddSingleton<SandboxAssets>();
        return services;
    }
}
