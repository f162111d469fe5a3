using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The flow behind the endpoints and the button, and the only place that decides what is stored: exchange a
/// session token, or refresh a publicToken, check that Human API's answer belongs to this app and this user, and
/// only then store it. Every store call goes through here, so a store failure means the same thing everywhere.
/// </summary>
/// <remarks>
/// Concurrency rules, on every instance that shares the <see cref="IHumanConnectCoordinator"/>: every Human API call
/// that rotates a user's publicToken is made under that user's lock (<see cref="UserLocks"/>), and its answer stored
/// before the lock is released, so the stored publicToken is always the newest one issued; and a session token is
/// claimed (<see cref="ExchangeMarkers"/>) before it is sent, so it is sent once.
/// </remarks>
internal sealed partial class HumanConnectFlow(
    HumanApiClient humanApi,
    HumanApplicationApiClient applicationApi,
    IHumanTokenStore store,
    IHumanConnectUserResolver users,
    UserLocks locks,
    ExchangeMarkers markers,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger<HumanConnectFlow> logger)
{
    /// <summary>
    /// Swaps the browser's session token for the user's tokens and stores them for <paramref name="localUserId"/>.
    /// The fields of <paramref name="sessionToken"/> must have been validated. A session token this user exchanged
    /// already is answered from the store, without calling Human API again.
    /// </summary>
    public async Task<HumanConnectOutcome> FinishAsync(string localUserId, SessionTokenObject sessionToken, CancellationToken cancellationToken)
    {
        var entered = await locks.EnterAsync(localUserId, UserLocks.NewOwner(), cancellationToken);
        if (entered.Lock is not { } userLock)
        {
            return HumanConnectOutcome.Fail(entered.Failure);
        }

        await using (userLock)
        {
            var claim = await markers.ClaimAsync(sessionToken.SessionToken!, localUserId, cancellationToken);
            if (claim.State != ExchangeClaimState.Claimed)
            {
                return await AnswerReplayAsync(localUserId, sessionToken, claim.State, cancellationToken);
            }

            var outcome = HumanConnectOutcome.Fail(HumanConnectFailure.UpstreamUnavailable);
            try
            {
                outcome = await ExchangeAndSaveAsync(localUserId, sessionToken, cancellationToken);
            }
            finally
            {
                // A failure (or an aborted request) gives the token back, so that human-connect.js may retry with it.
                await (outcome.Succeeded ? claim.MarkExchangedAsync() : claim.ReleaseAsync());
            }

            return outcome;
        }
    }

    /// <summary>Reads the user's record: its tokens, <see langword="null"/> tokens when none is stored, or <see cref="HumanConnectFailure.StoreUnavailable"/>.</summary>
    public async Task<HumanConnectOutcome> LoadAsync(string localUserId, CancellationToken cancellationToken)
    {
        try
        {
            return HumanConnectOutcome.Success(await store.GetAsync(localUserId, cancellationToken));
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            HumanConnectLog.StoreFailed(logger, "get", ex.GetType().Name);
            return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
        }
    }

    /// <summary>Gives the user's record a fresh publicToken from Human API, and stores it.</summary>
    public Task<HumanConnectOutcome> RefreshPublicTokenAsync(string localUserId, CancellationToken cancellationToken) =>
        RefreshAsync(localUserId, seen: null, cancellationToken);

    /// <summary>
    /// Gives a record the caller has read a publicToken, for the button whose record lost it. If the store holds a
    /// publicToken other than <paramref name="stored"/>'s by the time the user's lock is held, that one is newer and
    /// is answered as is.
    /// </summary>
    public Task<HumanConnectOutcome> RefreshPublicTokenAsync(string localUserId, HumanTokens stored, CancellationToken cancellationToken) =>
        RefreshAsync(localUserId, new SeenPublicToken(stored.PublicToken), cancellationToken);

    // seen: the publicToken the caller knew of, when it knew one. A different one found under the lock was stored by
    // a request that held the lock meanwhile, from a Human API call made after the caller asked: it is as fresh as
    // the one this refresh would fetch, so it is answered without rotating the token once more.
    private async Task<HumanConnectOutcome> RefreshAsync(string localUserId, SeenPublicToken? seen, CancellationToken cancellationToken)
    {
        var owner = UserLocks.NewOwner();
        var entered = await locks.TryEnterAsync(localUserId, owner, cancellationToken);
        if (entered.IsContended)
        {
            if (seen is null)
            {
                // Read before waiting: whatever changes while this request waits was issued after it asked.
                var before = await LoadAsync(localUserId, cancellationToken);
                if (!before.Succeeded)
                {
                    return before;
                }

                seen = new SeenPublicToken(before.Tokens?.PublicToken);
            }

            entered = await locks.EnterAsync(localUserId, owner, cancellationToken);
        }

        if (entered.Lock is not { } userLock)
        {
            return HumanConnectOutcome.Fail(entered.Failure);
        }

        await using (userLock)
        {
            // Read under the lock: a record read earlier may have been replaced since, by a finish or a refresh.
            var loaded = await LoadAsync(localUserId, cancellationToken);
            if (!loaded.Succeeded)
            {
                return loaded;
            }

            if (loaded.Tokens is not { } current)
            {
                return HumanConnectOutcome.Fail(HumanConnectFailure.NotConnected);
            }

            if (seen is { } known && !string.IsNullOrEmpty(current.PublicToken)
                && !string.Equals(current.PublicToken, known.PublicToken, StringComparison.Ordinal))
            {
                HumanConnectLog.PublicTokenCoalesced(logger);
                return HumanConnectOutcome.Success(current);
            }

            return await RotatePublicTokenAsync(localUserId, current, cancellationToken);
        }
    }

    /// <summary>Called under the user's lock, with a claim on the session token.</summary>
    private async Task<HumanConnectOutcome> ExchangeAndSaveAsync(string localUserId, SessionTokenObject sessionToken, CancellationToken cancellationToken)
    {
        var answer = await humanApi.ExchangeAsync(sessionToken.HumanId!, sessionToken.ClientId!, sessionToken.SessionToken!, cancellationToken);
        if (!answer.Succeeded)
        {
            return HumanConnectOutcome.FailUpstream(answer.Failure);
        }

        var issued = answer.Value!;
        if (!string.Equals(issued.ClientId, options.CurrentValue.ClientId, StringComparison.Ordinal))
        {
            HumanConnectLog.ClientIdMismatch(logger);
            return HumanConnectOutcome.Fail(HumanConnectFailure.ClientIdMismatch);
        }

        // The browser chose the clientUserId Connect ran with; the signed-in user must be the one it names.
        var expectedClientUserId = users.GetClientUserId(localUserId);
        if (!string.Equals(issued.ClientUserId, expectedClientUserId, StringComparison.Ordinal))
        {
            HumanConnectLog.ClientUserMismatch(logger);
            return HumanConnectOutcome.Fail(HumanConnectFailure.ClientUserMismatch);
        }

        var tokens = new HumanTokens(issued.HumanId!, issued.AccessToken!, issued.PublicToken!, expectedClientUserId);
        return await SaveAsync(localUserId, tokens, cancellationToken);
    }

    /// <summary>A session token that is not this request's to exchange: answered without calling Human API.</summary>
    private async Task<HumanConnectOutcome> AnswerReplayAsync(
        string localUserId, SessionTokenObject sessionToken, ExchangeClaimState state, CancellationToken cancellationToken)
    {
        switch (state)
        {
            case ExchangeClaimState.Failed:
                return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
            case ExchangeClaimState.InProgress:
                HumanConnectLog.FinishReplayRefused(logger, "is being exchanged by another request");
                return HumanConnectOutcome.Fail(HumanConnectFailure.ExchangeInProgress);
            case ExchangeClaimState.ExchangedForAnotherUser:
                HumanConnectLog.FinishReplayRefused(logger, "was exchanged for another user");
                return HumanConnectOutcome.Fail(HumanConnectFailure.AlreadyExchanged);
        }

        // Exchanged for this user, and stored before the lock this request now holds was released: the record holds
        // that exchange's tokens, or newer ones of the same human.
        var loaded = await LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        if (loaded.Tokens is { } stored && !string.IsNullOrEmpty(stored.PublicToken)
            && string.Equals(stored.HumanId, sessionToken.HumanId, StringComparison.Ordinal))
        {
            HumanConnectLog.FinishReplayAnswered(logger);
            return HumanConnectOutcome.Success(stored);
        }

        HumanConnectLog.FinishReplayRefused(logger, "was exchanged, and the user's record changed since");
        return HumanConnectOutcome.Fail(HumanConnectFailure.AlreadyExchanged);
    }

    /// <summary>Called under the user's lock with the record read under it: asks Human API for a new publicToken and stores it.</summary>
    private async Task<HumanConnectOutcome> RotatePublicTokenAsync(string localUserId, HumanTokens stored, CancellationToken cancellationToken)
    {
        var answer = await humanApi.GetPublicTokenAsync(stored.HumanId, cancellationToken);
        if (!answer.Succeeded)
        {
            return HumanConnectOutcome.FailUpstream(answer.Failure);
        }

        if (!string.Equals(answer.Value!.HumanId, stored.HumanId, StringComparison.Ordinal))
        {
            HumanConnectLog.HumanIdMismatch(logger);
            return HumanConnectOutcome.FailUpstream(HumanApiFailureKind.InvalidResponse);
        }

        return await SaveAsync(localUserId, stored with { PublicToken = answer.Value.PublicToken }, cancellationToken);
    }

    private async Task<HumanConnectOutcome> SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(localUserId, tokens, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            HumanConnectLog.StoreFailed(logger, "save", ex.GetType().Name);
            return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
        }

        HumanConnectLog.Stored(logger);
        return HumanConnectOutcome.Success(tokens);
    }

    /// <summary>A store failure is anything the store throws, except the caller giving up on the request.</summary>
    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    /// <summary>A publicToken the caller read before the lock was held (<see langword="null"/> inside: the record had none, or there was no record).</summary>
    private readonly record struct SeenPublicToken(string? PublicToken);
}
