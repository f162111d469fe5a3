using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>The flow's publicToken refresh: <c>POST public-token</c>, and the button healing a record that lost its publicToken.</summary>
internal sealed partial class HumanConnectFlow
{
    /// <summary>Gives the user's record a fresh publicToken from Human API, and stores it.</summary>
    public Task<HumanConnectOutcome> RefreshPublicTokenAsync(HttpContext httpContext, string localUserId) =>
        RefreshAndReportAsync(httpContext, localUserId, seen: null);

    /// <summary>
    /// Gives a record the caller has read a publicToken, for the button whose record lost it. If the store holds a
    /// publicToken other than <paramref name="stored"/>'s by the time the user's lock is held, that one is newer and
    /// is answered as is.
    /// </summary>
    public Task<HumanConnectOutcome> RefreshPublicTokenAsync(HttpContext httpContext, string localUserId, HumanTokens stored) =>
        RefreshAndReportAsync(httpContext, localUserId, new SeenPublicToken(stored.PublicToken));

    private async Task<HumanConnectOutcome> RefreshAndReportAsync(HttpContext httpContext, string localUserId, SeenPublicToken? seen)
    {
        var cancellationToken = httpContext.RequestAborted;
        HumanConnectOutcome outcome;
        try
        {
            outcome = await RefreshAsync(localUserId, seen, cancellationToken);
        }
        catch (Exception ex) when (events.Threw(HumanConnectOperation.Refresh, ex, cancellationToken))
        {
            throw;
        }

        if (!outcome.Succeeded)
        {
            await events.FailedAsync(httpContext, HumanConnectOperation.Refresh, localUserId, outcome);
        }

        return outcome;
    }

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

        var saved = await _store.SaveAsync(localUserId, stored with { PublicToken = answer.Value.PublicToken }, cancellationToken);
        if (saved.Succeeded)
        {
            events.Refreshed();
        }

        return saved;
    }

    /// <summary>A publicToken the caller read before the lock was held (<see langword="null"/> inside: the record had none, or there was no record).</summary>
    private readonly record struct SeenPublicToken(string? PublicToken);
}
