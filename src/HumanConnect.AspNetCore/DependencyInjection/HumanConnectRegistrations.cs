using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.DependencyInjection;

/// <summary>
/// The host's service registrations as they stand when the host starts, so a start-up check can tell which store
/// the container would build without building it (a host's store may open connections or count its instances).
/// </summary>
internal sealed class HumanConnectRegistrations(IServiceCollection services)
{
    /// <summary>The type registered last for <typeparamref name="TService"/>: the one the container resolves; null for an instance or a factory.</summary>
    public Type? ImplementationTypeOf<TService>()
    {
        var last = services.LastOrDefault(service => service.ServiceType == typeof(TService) && !service.IsKeyedService);
        return last?.ImplementationType;
    }
}
