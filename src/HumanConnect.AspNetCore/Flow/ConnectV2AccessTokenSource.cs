using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Connect v2's access tokens: minted on demand for the user's <c>client_user_id</c>, cached (encrypted) until shortly
/// before they expire, and dropped when the data API refuses one. Human API keeps no refresh flow in use: a new
/// <c>access</c> token is simply minted once the cached one is gone.
/// </summary>
/// <remarks>
/// A user with no record, or a v2 record whose last sync found no source, is not connected, and Human API is not
/// asked. A legacy record (not migrated yet) is asked for by its exact legacy clientUserId, which is what the
/// migration does too. The reads of one scope (a page that makes several data calls at once) share one lookup, so a
/// cold cache costs that page one mint, not one per call. Two requests that miss the cache at once both mint: both
/// tokens are valid, and no lock across requests is worth a page's wait for that.
/// </remarks>
internal sealed class ConnectV2AccessTokenSource(
    ConnectTokenClient tokens,
    ConnectTokenCache cache,
    ConnectV2Records records,
    ILogger<ConnectV2AccessTokenSource> logger) : IHumanAccessTokenSource
{
    // This scope's lookups in flight or done, by user; one that failed, or whose token was refused, is asked again.
    private readonly Dictionary<string, Task<AccessTokenLookup>> _lookups = new(StringComparer.Ordinal);

    public Task<AccessTokenLookup> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        lock (_lookups)
        {
            if (_lookups.TryGetValue(localUserId, out var shared) && !(shared.IsCompleted && !Succeeded(shared)))
            {
                return shared;
            }

            var lookup = LookUpAsync(localUserId, cancellationToken);
            _lookups[localUserId] = lookup;
            return lookup;
        }
    }

    private static bool Succeeded(Task<AccessTokenLookup> lookup) => lookup.IsCompletedSuccessfully && lookup.Result.Succeeded;

    private async Task<AccessTokenLookup> LookUpAsync(string localUserId, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(ConnectTokenSlot.Access, localUserId, cancellationToken) is { } cached)
        {
            return AccessTokenLookup.Success(cached.Value);
        }

        var loaded = await records.LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return AccessTokenLookup.Fail(AccessTokenFailure.StoreUnavailable);
        }

        if (loaded.Tokens is not { SourcesConnected: true } record)
        {
            return AccessTokenLookup.Fail(AccessTokenFailure.NotConnected);
        }

        var minted = await tokens.MintAccessAsync(records.ClientUserIdOf(localUserId, record), cancellationToken);
        if (!minted.Succeeded)
        {
            return AccessTokenLookup.Fail(minted.Failure switch
            {
                ConnectTokenFailure.NotFound => AccessTokenFailure.NotConnected,
                ConnectTokenFailure.ClientRejected or ConnectTokenFailure.Rejected => AccessTokenFailure.UpstreamRejected,
                ConnectTokenFailure.Timeout => AccessTokenFailure.UpstreamTimeout,
                _ => AccessTokenFailure.UpstreamUnavailable,
            });
        }

        await cache.SetAsync(ConnectTokenSlot.Access, localUserId, minted.Token!, cancellationToken);
        return AccessTokenLookup.Success(minted.Token!.Value);
    }

    public async Task<AccessTokenRenewal> RejectedAsync(string localUserId, string accessToken, CancellationToken cancellationToken)
    {
        lock (_lookups)
        {
            // Only if it still holds the refused token: a lookup that already minted a newer one stays shared.
            if (_lookups.TryGetValue(localUserId, out var shared) && Succeeded(shared) && shared.Result.AccessToken == accessToken)
            {
                _lookups.Remove(localUserId);
            }
        }

        await cache.RemoveAsync(ConnectTokenSlot.Access, localUserId, cancellationToken, onlyValue: accessToken);
        HumanConnectLog.ConnectAccessTokenDropped(logger);
        return AccessTokenRenewal.Renewable;
    }
}
