using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks for Human Connect.</summary>
public static class HumanConnectHealthChecksBuilderExtensions
{
    /// <summary>The check's name unless another is given.</summary>
    public const string TokenStoreCheckName = "humanconnect-token-store";

    /// <summary>
    /// Adds a check that the token store answers: one read, of a reserved id that is no user's, within
    /// <paramref name="timeout"/>. Healthy when the store answers; <paramref name="failureStatus"/> when it throws or
    /// is too slow, with a description that names the exception's type only. It reads whichever
    /// <see cref="IHumanTokenStore"/> is registered (resolved in the check's own scope, so a scoped store works).
    /// </summary>
    /// <param name="builder">The health checks builder (<c>services.AddHealthChecks()</c>).</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">What a failed probe reports; <see cref="HealthStatus.Unhealthy"/> by default.</param>
    /// <param name="tags">The check's tags; <c>humanconnect</c> and <c>ready</c> by default, for a readiness endpoint.</param>
    /// <param name="timeout">How long the probe may take; 3 seconds by default.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddHumanConnectTokenStore(
        this IHealthChecksBuilder builder,
        string name = TokenStoreCheckName,
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var probeTimeout = timeout ?? TimeSpan.FromSeconds(3);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(probeTimeout, TimeSpan.Zero, nameof(timeout));

        return builder.Add(new HealthCheckRegistration(
            name,
            services => new TokenStoreHealthCheck(services.GetRequiredService<IHumanTokenStore>(), probeTimeout),
            failureStatus,
            tags ?? ["humanconnect", "ready"]));
    }
}
