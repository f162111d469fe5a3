using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HumanConnect.AspNetCore.HealthChecks;

/// <summary>
/// Whether the token store answers: one read of a reserved id that is no user's (<see cref="ProbeUserId"/>), within a
/// deadline. Healthy when the store answers, whatever it answers; unhealthy when it throws or is too slow.
/// </summary>
/// <remarks>
/// The description names the exception's type only, and the exception is not attached to the result: health
/// responses are often public, and a store's or a driver's message can quote keys, hosts or connection settings.
/// The probe calls the store directly, not through the flow, so a probe every few seconds adds no spans.
/// </remarks>
internal sealed class TokenStoreHealthCheck(IHumanTokenStore store, TimeSpan timeout) : IHealthCheck
{
    /// <summary>The id the probe reads. Not a user's: a host whose user ids could take this form would only make the probe read that record.</summary>
    public const string ProbeUserId = "HumanConnect.AspNetCore:health-probe";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var data = new Dictionary<string, object> { ["store"] = store.GetType().Name };
        Task<HumanTokens?>? probe = null;
        try
        {
            // WaitAsync as well: some stores (Redis among them) do not honour the token while they wait for a connection.
            probe = store.GetAsync(ProbeUserId, deadline.Token);
            await probe.WaitAsync(timeout, cancellationToken);
            return HealthCheckResult.Healthy("The Human Connect token store answered.", data);
        }
        catch (Exception ex) when (ex.GetType() == typeof(TimeoutException) || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The read may still fail later, with nobody awaiting it: observe it, so it is not reported as unobserved.
            _ = probe?.ContinueWith(static read => read.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The Human Connect token store did not answer within {timeout.TotalSeconds:0.###} s.", data: data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"The Human Connect token store failed ({ex.GetType().Name}).", data: data);
        }
    }
}
