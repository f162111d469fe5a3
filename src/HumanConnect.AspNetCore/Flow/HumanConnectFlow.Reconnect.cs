using HumanConnect.AspNetCore.Internal;

namespace HumanConnect.AspNetCore.Flow;

internal sealed partial class HumanConnectFlow
{
    /// <summary>
    /// Marks the user's record "connect again" after Human API refused <paramref name="rejectedAccessToken"/> (401): the
    /// stored access token is cleared, the humanId and publicToken kept, so the button opens edit mode and the next
    /// connect stores a new token. Every store can hold that (an empty access token already means "lost"), so no
    /// store's format changes.
    /// </summary>
    /// <remarks>
    /// Under the user's lock, and only if the record still holds the refused token: a finish that stored a new one
    /// meanwhile must not be undone. A failure is logged, never thrown: the caller's answer is the 401 either way.
    /// </remarks>
    public async Task MarkReconnectRequiredAsync(string localUserId, string rejectedAccessToken, CancellationToken cancellationToken)
    {
        var entered = await locks.EnterAsync(localUserId, UserLocks.NewOwner(), cancellationToken);
        if (entered.Lock is not { } userLock)
        {
            HumanConnectLog.DataReconnectMarkFailed(logger, entered.Failure.ToString());
            return;
        }

        await using (userLock)
        {
            var loaded = await LoadAsync(localUserId, cancellationToken);
            if (!loaded.Succeeded)
            {
                HumanConnectLog.DataReconnectMarkFailed(logger, loaded.Failure.ToString());
                return;
            }

            if (loaded.Tokens is not { } stored || !string.Equals(stored.AccessToken, rejectedAccessToken, StringComparison.Ordinal))
            {
                return;
            }

            var saved = await _store.SaveAsync(localUserId, stored with { AccessToken = string.Empty }, cancellationToken);
            if (!saved.Succeeded)
            {
                HumanConnectLog.DataReconnectMarkFailed(logger, saved.Failure.ToString());
            }
        }
    }
}
