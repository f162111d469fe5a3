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
/// migration does too. Two requests that miss the cache at once both mint: both tokens are valid, and no lock is
/// worth a page's wait for that.
/// </remarks>
internal sealed class ConnectV2AccessTokenSource(
    ConnectTokenClient tokens,
    ConnectTokenCache cache,
    ConnectV2Records records,
    ILogger<ConnectV2AccessTokenSource> logger) : IHumanAccessTokenSource
{
    public async Task<AccessTokenLookup> GetAsync(string localUserId, CancellationToken cancellationToken)
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
        await cache.RemoveAsync(ConnectTokenSlot.Access, localUserId, cancellationToken, onlyValue: accessToken);
        HumanConnectLog.ConnectAccessTokenDropped(logger);
        return AccessTokenRenewal.Renewable;
    }
}
