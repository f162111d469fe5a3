using HumanConnect.AspNetCore.Diagnostics;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The flow's calls to the token store, whichever store the host registered: each one a span
/// (<c>HumanConnect store get/save/remove</c>), and every failure logged by exception type and answered
/// <see cref="HumanConnectFailure.StoreUnavailable"/>, so a store failure means the same thing everywhere.
/// </summary>
internal sealed class FlowStore(IHumanTokenStore store, ILogger logger)
{
    /// <summary>The user's tokens, <see langword="null"/> tokens when none is stored, or <see cref="HumanConnectFailure.StoreUnavailable"/>.</summary>
    public async Task<HumanConnectOutcome> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        using var span = HumanConnectTelemetry.StartStore(HumanConnectTelemetry.Store.Get, store.GetType());
        try
        {
            return HumanConnectOutcome.Success(await store.GetAsync(localUserId, cancellationToken));
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            return Failed(span, "get", ex);
        }
    }

    /// <summary>Stores <paramref name="tokens"/>: they come back as the outcome, or <see cref="HumanConnectFailure.StoreUnavailable"/>.</summary>
    public async Task<HumanConnectOutcome> SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        using (var span = HumanConnectTelemetry.StartStore(HumanConnectTelemetry.Store.Save, store.GetType()))
        {
            try
            {
                await store.SaveAsync(localUserId, tokens, cancellationToken);
            }
            catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
            {
                return Failed(span, "save", ex);
            }
        }

        HumanConnectLog.Stored(logger);
        return HumanConnectOutcome.Success(tokens);
    }

    /// <summary>Forgets the user's tokens: a success with no tokens, or <see cref="HumanConnectFailure.StoreUnavailable"/>.</summary>
    public async Task<HumanConnectOutcome> RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        using var span = HumanConnectTelemetry.StartStore(HumanConnectTelemetry.Store.Remove, store.GetType());
        try
        {
            await store.RemoveAsync(localUserId, cancellationToken);
            return HumanConnectOutcome.Success(null);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            return Failed(span, "remove", ex);
        }
    }

    /// <summary>A store failure is anything the store throws, except the caller giving up on the request.</summary>
    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    // The exception's type only, in the log and on the span: a store's message can quote the values it was given.
    private HumanConnectOutcome Failed(System.Diagnostics.Activity? span, string operation, Exception ex)
    {
        HumanConnectTelemetry.MarkFailed(span, ex.GetType().FullName ?? ex.GetType().Name);
        HumanConnectLog.StoreFailed(logger, operation, ex.GetType().Name);
        return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
    }
}
