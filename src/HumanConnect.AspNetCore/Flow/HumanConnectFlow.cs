using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The flow behind the endpoints and the button, and the only place that decides what is stored: exchange a
/// session token, or refresh a publicToken, check that Human API's answer belongs to this app and this user, and
/// only then store it. Every store call goes through here (<see cref="FlowStore"/>), so a store failure means the same
/// thing everywhere and every store is traced; every operation's end is reported here too (<see cref="FlowEvents"/>:
/// the counters and the host's events).
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
    FlowEvents events,
    ConnectTokenCache connectTokens,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger<HumanConnectFlow> logger)
{
    private readonly FlowStore _store = new(store, logger);

    /// <summary>
    /// Swaps the browser's session token for the user's tokens and stores them for <paramref name="localUserId"/>.
    /// The fields of <paramref name="sessionToken"/> must have been validated. A session token this user exchanged
    /// already is answered from the store, without calling Human API again. Raises OnConnected after a new exchange
    /// was stored and the lock released, OnFailure when it fails.
    /// </summary>
    public async Task<HumanConnectOutcome> FinishAsync(HttpContext httpContext, string localUserId, SessionTokenObject sessionToken)
    {
        var cancellationToken = httpContext.RequestAborted;
        (HumanConnectOutcome Outcome, bool Exchanged) finished;
        try
        {
            finished = await FinishUnderLockAsync(httpContext, localUserId, sessionToken, cancellationToken);
        }
        catch (Exception ex) when (events.Threw(HumanConnectOperation.Connect, ex, cancellationToken))
        {
            throw;
        }

        if (finished.Exchanged)
        {
            await events.ConnectedAsync(httpContext, localUserId, finished.Outcome.Tokens!.HumanId);
        }
        else if (!finished.Outcome.Succeeded)
        {
            await events.FailedAsync(httpContext, HumanConnectOperation.Connect, localUserId, finished.Outcome);
        }

        return finished.Outcome;
    }

    /// <summary>Reads the user's record: its tokens, <see langword="null"/> tokens when none is stored, or <see cref="HumanConnectFailure.StoreUnavailable"/>.</summary>
    public Task<HumanConnectOutcome> LoadAsync(string localUserId, CancellationToken cancellationToken) =>
        _store.GetAsync(localUserId, cancellationToken);

    /// <returns>The outcome, and whether this request's own exchange was stored (not a replay answered from the store).</returns>
    private async Task<(HumanConnectOutcome Outcome, bool Exchanged)> FinishUnderLockAsync(
        HttpContext httpContext, string localUserId, SessionTokenObject sessionToken, CancellationToken cancellationToken)
    {
        var entered = await locks.EnterAsync(localUserId, UserLocks.NewOwner(), cancellationToken);
        if (entered.Lock is not { } userLock)
        {
            return (HumanConnectOutcome.Fail(entered.Failure), false);
        }

        await using (userLock)
        {
            var claim = await markers.ClaimAsync(sessionToken.SessionToken!, localUserId, cancellationToken);
            if (claim.State != ExchangeClaimState.Claimed)
            {
                return (await AnswerReplayAsync(localUserId, sessionToken, claim.State, cancellationToken), false);
            }

            var outcome = HumanConnectOutcome.Fail(HumanConnectFailure.UpstreamUnavailable);
            try
            {
                outcome = await ExchangeAndSaveAsync(httpContext, localUserId, sessionToken, cancellationToken);
            }
            finally
            {
                // A failure (or an aborted request) gives the token back, so that human-connect.js may retry with it.
                await (outcome.Succeeded ? claim.MarkExchangedAsync() : claim.ReleaseAsync());
            }

            return (outcome, outcome.Succeeded);
        }
    }

    /// <summary>Called under the user's lock, with a claim on the session token.</summary>
    private async Task<HumanConnectOutcome> ExchangeAndSaveAsync(
        HttpContext httpContext, string localUserId, SessionTokenObject sessionToken, CancellationToken cancellationToken)
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

        // The host's last word, before anything is stored; its exception propagates and stores nothing either.
        if (await events.TokensIssuedAsync(httpContext, localUserId, issued.HumanId!, expectedClientUserId) is { } rejection)
        {
            HumanConnectLog.TokensRejectedByHost(logger, rejection.ErrorCode);
            return HumanConnectOutcome.Rejected(rejection);
        }

        var tokens = new HumanTokens(issued.HumanId!, issued.AccessToken!, issued.PublicToken!, expectedClientUserId);
        return await _store.SaveAsync(localUserId, tokens, cancellationToken);
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
}
