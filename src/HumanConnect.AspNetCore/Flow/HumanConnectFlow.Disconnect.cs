using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Flow;

internal sealed partial class HumanConnectFlow
{
    /// <summary>
    /// Disconnects a user: deletes them at Human API through the Application API when an App Key is configured, then
    /// removes the local record, under the user's lock so no finish or refresh interleaves. When Human API cannot
    /// delete the user, the record is kept and nothing changed, so the user can try again.
    /// </summary>
    /// <remarks>
    /// Counted in telemetry either way; OnDisconnected and OnFailure are raised when <paramref name="httpContext"/> is
    /// given (the endpoint, or a host's call from within a request), since their contexts carry the request.
    /// </remarks>
    public async Task<DisconnectOutcome> DisconnectAsync(string localUserId, CancellationToken cancellationToken, HttpContext? httpContext = null)
    {
        DisconnectOutcome outcome;
        try
        {
            outcome = await DisconnectCoreAsync(localUserId, cancellationToken);
        }
        catch (Exception ex) when (events.Threw(HumanConnectOperation.Disconnect, ex, cancellationToken))
        {
            throw;
        }

        if (outcome.Succeeded)
        {
            await events.DisconnectedAsync(httpContext, localUserId, outcome.HumanId);
        }
        else
        {
            await events.FailedAsync(httpContext, HumanConnectOperation.Disconnect, localUserId, HumanConnectOutcome.Fail(outcome.Failure));
        }

        return outcome;
    }

    private async Task<DisconnectOutcome> DisconnectCoreAsync(string localUserId, CancellationToken cancellationToken)
    {
        var entered = await locks.EnterAsync(localUserId, UserLocks.NewOwner(), cancellationToken);
        if (entered.Lock is not { } userLock)
        {
            return DisconnectOutcome.Fail(entered.Failure);
        }

        await using (userLock)
        {
            var loaded = await LoadAsync(localUserId, cancellationToken);
            if (!loaded.Succeeded)
            {
                return DisconnectOutcome.Fail(loaded.Failure);
            }

            if (loaded.Tokens is not { } stored)
            {
                return DisconnectOutcome.Fail(HumanConnectFailure.NotConnected);
            }

            var deleted = false;
            if (options.CurrentValue.AppKey is not null)
            {
                var failure = await DeleteAtHumanApiAsync(stored.HumanId, cancellationToken);
                if (failure != HumanConnectFailure.None)
                {
                    return DisconnectOutcome.Fail(failure);
                }

                deleted = true;
            }

            // Once Human API deleted the user, an aborted request must not leave the record behind: not its token.
            var removed = await _store.RemoveAsync(localUserId, deleted ? CancellationToken.None : cancellationToken);
            if (!removed.Succeeded)
            {
                // Kept pointing at a user Human API may have deleted: a retry deletes again (404, gone) and removes it.
                return DisconnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
            }

            // Connect v2's cached tokens name a user who is gone: the button must start a new session, and no read may
            // use an access token minted before. Removed whichever flow runs, as the option can change.
            await connectTokens.RemoveAsync(ConnectTokenSlot.Launch, localUserId, CancellationToken.None);
            await connectTokens.RemoveAsync(ConnectTokenSlot.Access, localUserId, CancellationToken.None);
            return Disconnected(deleted, stored.HumanId);
        }
    }

    /// <summary>The one place a disconnect completes (the seam for events and telemetry).</summary>
    private DisconnectOutcome Disconnected(bool humanApiUserDeleted, string humanId)
    {
        if (humanApiUserDeleted)
        {
            HumanConnectLog.Disconnected(logger);
        }
        else
        {
            HumanConnectLog.DisconnectedLocallyOnly(logger);
        }

        return DisconnectOutcome.Success(humanApiUserDeleted, humanId);
    }

    private async Task<HumanConnectFailure> DeleteAtHumanApiAsync(string humanId, CancellationToken cancellationToken)
    {
        switch (await applicationApi.DeleteUserAsync(humanId, cancellationToken))
        {
            case ApplicationApiOutcome.Deleted:
            case ApplicationApiOutcome.AlreadyGone:
                return HumanConnectFailure.None;
            case ApplicationApiOutcome.AppKeyRejected:
                HumanConnectLog.AppKeyRejected(logger);
                return HumanConnectFailure.AppKeyRejected;
            case ApplicationApiOutcome.Rejected:
                return HumanConnectFailure.UpstreamRejected;
            case ApplicationApiOutcome.Timeout:
                return HumanConnectFailure.UpstreamTimeout;
            default:
                return HumanConnectFailure.UpstreamUnavailable;
        }
    }
}
