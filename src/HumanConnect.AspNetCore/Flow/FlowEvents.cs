using HumanConnect.AspNetCore.Diagnostics;
using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// What the flow reports when an operation ends: the counters of <see cref="HumanConnectTelemetry"/>, and the host's
/// <see cref="HumanConnectEvents"/> (<see cref="HumanConnectOptions.EventsType"/> from the request's services, or
/// <see cref="HumanConnectOptions.Events"/>).
/// </summary>
/// <remarks>
/// <see cref="TokensIssuedAsync"/> runs before anything is stored, so its handler's exception propagates and aborts
/// the operation. The others run after the fact: a handler's exception cannot undo it, so it is logged by type
/// (<c>EventHandlerFailed</c>) and the request is answered as if the handler had returned.
/// </remarks>
internal sealed class FlowEvents(
    IOptionsMonitor<HumanConnectOptions> options,
    HumanConnectTelemetry telemetry,
    ILogger<FlowEvents> logger)
{
    /// <summary>Raises OnTokensIssued; the host's rejection, or <see langword="null"/> when it accepts the tokens.</summary>
    public async Task<HostRejection?> TokensIssuedAsync(HttpContext httpContext, string localUserId, string humanId, string clientUserId)
    {
        var context = new HumanConnectTokensIssuedContext(httpContext, localUserId, humanId, clientUserId);
        await Resolve(httpContext).TokensIssued(context);
        return context.IsRejected ? new HostRejection(context.RejectionErrorCode!, context.RejectionDetail) : null;
    }

    /// <summary>A connect stored its tokens: counts it and raises OnConnected.</summary>
    public Task ConnectedAsync(HttpContext httpContext, string localUserId, string humanId)
    {
        telemetry.RecordConnect();
        return RaiseAfterTheFactAsync(httpContext, nameof(HumanConnectEvents.OnConnected),
            static (events, context) => events.Connected((HumanConnectConnectedContext)context),
            new HumanConnectConnectedContext(httpContext, localUserId, humanId));
    }

    /// <summary>A refresh stored a publicToken fetched from Human API: counts it.</summary>
    public void Refreshed() => telemetry.RecordRefresh();

    /// <summary>
    /// A disconnect removed the user's record: counts it and raises OnDisconnected. <paramref name="humanId"/> is the
    /// humanId the record held, <see langword="null"/> when nothing was stored.
    /// </summary>
    public Task DisconnectedAsync(HttpContext? httpContext, string localUserId, string? humanId)
    {
        telemetry.RecordDisconnect();
        return httpContext is null ? Task.CompletedTask : RaiseAfterTheFactAsync(httpContext, nameof(HumanConnectEvents.OnDisconnected),
            static (events, context) => events.Disconnected((HumanConnectDisconnectedContext)context),
            new HumanConnectDisconnectedContext(httpContext, localUserId, humanId));
    }

    /// <summary>An operation failed with <paramref name="outcome"/>: counts it under its code and raises OnFailure.</summary>
    public Task FailedAsync(HttpContext? httpContext, HumanConnectOperation operation, string localUserId, HumanConnectOutcome outcome)
    {
        telemetry.RecordFailure(TagOf(operation), outcome.TelemetryErrorType);
        return httpContext is null ? Task.CompletedTask : RaiseAfterTheFactAsync(httpContext, nameof(HumanConnectEvents.OnFailure),
            static (events, context) => events.Failure((HumanConnectFailureContext)context),
            new HumanConnectFailureContext(httpContext, localUserId, operation, outcome.ErrorCode));
    }

    /// <summary>
    /// Counts an operation that threw (a host's OnTokensIssued, a bug) under the exception's type, unless the caller
    /// gave up on the request. Always <see langword="false"/>: it is an exception filter, so the exception propagates
    /// with its stack untouched.
    /// </summary>
    public bool Threw(HumanConnectOperation operation, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            telemetry.RecordFailure(TagOf(operation), exception.GetType().FullName ?? exception.GetType().Name);
        }

        return false;
    }

    private static string TagOf(HumanConnectOperation operation) => operation switch
    {
        HumanConnectOperation.Connect => HumanConnectTelemetry.Flows.Connect,
        HumanConnectOperation.Refresh => HumanConnectTelemetry.Flows.Refresh,
        _ => HumanConnectTelemetry.Flows.Disconnect,
    };

    private HumanConnectEvents Resolve(HttpContext httpContext) =>
        options.CurrentValue.EventsType is { } type
            ? (HumanConnectEvents)httpContext.RequestServices.GetRequiredService(type)
            : options.CurrentValue.Events;

    private async Task RaiseAfterTheFactAsync(
        HttpContext httpContext, string name, Func<HumanConnectEvents, HumanConnectEventContext, Task> raise, HumanConnectEventContext context)
    {
        try
        {
            await raise(Resolve(httpContext), context);
        }
        catch (Exception ex)
        {
            // By type only: a handler's message may quote what it was working on, the user's id included.
            HumanConnectLog.EventHandlerFailed(logger, name, ex.GetType().Name);
        }
    }
}
