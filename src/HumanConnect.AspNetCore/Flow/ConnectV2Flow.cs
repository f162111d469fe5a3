using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Connect v2 behind the button and the sync endpoint, and the only place that decides what a v2 user's record holds.
/// Before a page renders, it finds the token Connect opens with (cached, or minted: <c>id</c> for a returning user,
/// <c>session</c> for a new one). After Connect, when the browser reports a change, it asks Human API itself (an
/// <c>access</c> token is the proof: the browser's events are not), and stores the humanId and the connection state.
/// </summary>
/// <remarks>
/// A returning user is one with a stored record, whichever flow wrote it. If Human API does not know them for an
/// <c>id</c> token (a legacy user it never saw under that clientUserId), a <c>session</c> is minted instead, and its
/// humanId must be the stored one. The sync runs under the user's lock (<see cref="UserLocks"/>), as every write of
/// the legacy flow does.
/// </remarks>
internal sealed class ConnectV2Flow(
    ConnectTokenClient tokens,
    ConnectTokenCache cache,
    ConnectV2Records records,
    UserLocks locks,
    ILogger<ConnectV2Flow> logger)
{
    /// <summary>The token the button renders for the user; <paramref name="email"/> goes with a new session, when known.</summary>
    public async Task<ConnectLaunch> GetLaunchAsync(string localUserId, string? email, CancellationToken cancellationToken)
    {
        var loaded = await records.LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return ConnectLaunch.Fail(loaded.Failure);
        }

        var record = loaded.Tokens;
        if (await cache.GetAsync(ConnectTokenSlot.Launch, localUserId, cancellationToken) is { } cached
            && (record is null || cached.Type == ConnectTokenType.Id || cached.HumanId is null || cached.HumanId == record.HumanId))
        {
            return ConnectLaunch.Success(cached);
        }

        var clientUserId = records.ClientUserIdOf(localUserId, record);
        if (record is not null)
        {
            var id = await tokens.MintIdAsync(clientUserId, cancellationToken);
            if (id.Succeeded)
            {
                return await CachedAsync(localUserId, id.Token!, cancellationToken);
            }

            if (id.Failure != ConnectTokenFailure.NotFound)
            {
                return Failed("id", id);
            }

            // Human API does not know this user under that clientUserId yet: they start a session, as a new user would.
        }

        var session = await tokens.MintSessionAsync(clientUserId, email, cancellationToken);
        if (!session.Succeeded)
        {
            return Failed("session", session);
        }

        if (record is not null && session.Token!.HumanId is { } humanId && !string.Equals(humanId, record.HumanId, StringComparison.Ordinal))
        {
            // Connect would bind this local user to another person's data at Human API: never open it.
            HumanConnectLog.ConnectSessionHumanIdMismatch(logger);
            return ConnectLaunch.Fail(HumanConnectFailure.UpstreamInvalidResponse);
        }

        return await CachedAsync(localUserId, session.Token!, cancellationToken);
    }

    /// <summary>
    /// Confirms with Human API what Connect changed, and stores it: <c>access</c> minted means connected (the humanId and
    /// <c>SourcesConnected</c> stored in a v2 record, replacing any legacy one), refused (404) means no source is
    /// connected. Either way the cached launch token is dropped, so the next page view opens Connect afresh.
    /// </summary>
    public async Task<ConnectSyncOutcome> SyncAsync(string localUserId, string? email, CancellationToken cancellationToken)
    {
        var entered = await locks.EnterAsync(localUserId, UserLocks.NewOwner(), cancellationToken);
        if (entered.Lock is not { } userLock)
        {
            return ConnectSyncOutcome.Fail(entered.Failure);
        }

        await using (userLock)
        {
            var loaded = await records.LoadAsync(localUserId, cancellationToken);
            if (!loaded.Succeeded)
            {
                return ConnectSyncOutcome.Fail(loaded.Failure);
            }

            var record = loaded.Tokens;
            var clientUserId = records.ClientUserIdOf(localUserId, record);
            var access = await tokens.MintAccessAsync(clientUserId, cancellationToken);
            if (!access.Succeeded && access.Failure != ConnectTokenFailure.NotFound)
            {
                return ConnectSyncOutcome.FailUpstream(access);
            }

            var launch = await cache.GetAsync(ConnectTokenSlot.Launch, localUserId, cancellationToken);
            await cache.RemoveAsync(ConnectTokenSlot.Launch, localUserId, cancellationToken);
            return access.Succeeded
                ? await ConnectedAsync(localUserId, record, clientUserId, access.Token!, launch?.HumanId, email, cancellationToken)
                : await NotConnectedAsync(localUserId, record, cancellationToken);
        }
    }

    /// <summary>Human API issued an access token: the user has sources. Called under the user's lock.</summary>
    private async Task<ConnectSyncOutcome> ConnectedAsync(
        string localUserId, HumanTokens? record, string clientUserId, ConnectToken access, string? sessionHumanId, string? email,
        CancellationToken cancellationToken)
    {
        await cache.SetAsync(ConnectTokenSlot.Access, localUserId, access, cancellationToken);
        var humanId = string.IsNullOrEmpty(record?.HumanId) ? sessionHumanId : record.HumanId;
        if (humanId is null)
        {
            // The access answer names no humanId, and the session this user opened Connect with is no longer cached:
            // a session for the same clientUserId names the same human.
            var session = await tokens.MintSessionAsync(clientUserId, email, cancellationToken);
            if (session.Token?.HumanId is not { } minted)
            {
                return session.Succeeded
                    ? ConnectSyncOutcome.Fail(HumanConnectFailure.UpstreamInvalidResponse)
                    : ConnectSyncOutcome.FailUpstream(session);
            }

            humanId = minted;
        }

        var confirmed = HumanTokens.ForConnectV2(humanId, clientUserId, sourcesConnected: true);
        if (record != confirmed)
        {
            var saved = await records.SaveAsync(localUserId, confirmed, cancellationToken);
            if (!saved.Succeeded)
            {
                return ConnectSyncOutcome.Fail(saved.Failure);
            }
        }

        HumanConnectLog.ConnectSynced(logger, record?.ConnectVersion == HumanConnectVersion.Legacy ? "has sources connected; the legacy record became a v2 one" : "has sources connected");
        return new ConnectSyncOutcome(true, humanId, HumanConnectFailure.None);
    }

    /// <summary>
    /// Human API refused an access token: no source is connected (any more). A v2 record is marked so; a legacy record
    /// is left as it is (its tokens still serve the legacy flow), and nothing is stored for a user who has no record.
    /// </summary>
    private async Task<ConnectSyncOutcome> NotConnectedAsync(string localUserId, HumanTokens? record, CancellationToken cancellationToken)
    {
        await cache.RemoveAsync(ConnectTokenSlot.Access, localUserId, cancellationToken);
        if (record is { ConnectVersion: HumanConnectVersion.V2, SourcesConnected: true })
        {
            var saved = await records.SaveAsync(localUserId, record with { SourcesConnected = false }, cancellationToken);
            if (!saved.Succeeded)
            {
                return ConnectSyncOutcome.Fail(saved.Failure);
            }
        }

        HumanConnectLog.ConnectSynced(logger, "has no source connected");
        return new ConnectSyncOutcome(false, string.IsNullOrEmpty(record?.HumanId) ? null : record.HumanId, HumanConnectFailure.None);
    }

    private async Task<ConnectLaunch> CachedAsync(string localUserId, ConnectToken token, CancellationToken cancellationToken)
    {
        await cache.SetAsync(ConnectTokenSlot.Launch, localUserId, token, cancellationToken);
        return ConnectLaunch.Success(token);
    }

    private ConnectLaunch Failed(string tokenType, ConnectTokenResult result)
    {
        HumanConnectLog.ButtonConnectTokenFailed(logger, tokenType, result.Failure.ToString());
        return ConnectLaunch.Fail(HumanConnectOutcome.FailUpstream(result.FailureKind).Failure);
    }
}
