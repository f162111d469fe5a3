using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Flow;

internal sealed partial class HumanConnectFlow
{
    /// <summary>
    /// Disconnects a user: deletes them at Human API through the Application API when an App Key is configured, then
    /// removes the local record, under the user's lock so no finish or refresh interleaves. When Human API cannot
    /// delete the user, the record is kept and nothing changed, so the user can try again.
    /// </summary>
    public async Task<DisconnectOutcome> DisconnectAsync(string localUserId, CancellationToken cancellationToken)
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

            try
            {
                // Once Human API deleted the user, an aborted request must not leave the record behind: not its token.
                await store.RemoveAsync(localUserId, deleted ? CancellationToken.None : cancellationToken);
            }
            catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
            {
                // Kept pointing at a user Human API may have deleted: a retry deletes again (404, gone) and removes it.
                HumanConnectLog.StoreFailed(logger, "remove", ex.GetType().Name);
                return DisconnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
            }

            return Disconnected(deleted);
        }
    }

    /// <summary>The one place a disconnect completes (the seam for events and telemetry).</summary>
    private DisconnectOutcome Disconnected(bool humanApiUserDeleted)
    {
        if (humanApiUserDeleted)
        {
            HumanConnectLog.Disconnected(logger);
        }
        else
        {
            HumanConnectLog.DisconnectedLocallyOnly(logger);
        }

        return DisconnectOutcome.Success(humanApiUserDeleted);
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
