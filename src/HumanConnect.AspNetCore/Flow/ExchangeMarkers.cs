using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The once-only marker of a session token, on the <see cref="IHumanConnectCoordinator"/>: a finish claims it before
/// calling Human API, so no other request, on any instance, sends the same single-use token again. A failed exchange
/// releases it, so the browser may retry with the same token; a successful one keeps it for
/// <see cref="CoordinationTimes.ExchangeRetention"/>, naming the user it was exchanged for.
/// </summary>
/// <remarks>
/// The key is a hash of the session token and the value names the user by <see cref="UserLocks.UserTag"/>: neither
/// the token nor the local user id is ever written in clear.
/// </remarks>
internal sealed class ExchangeMarkers(
    IHumanConnectCoordinator coordinator,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger<ExchangeMarkers> logger)
{
    private const string KeyPrefix = "HumanConnect:exchange:";
    private const string PendingPrefix = "pending:";
    private const string DonePrefix = "done:";

    internal static string KeyFor(string sessionToken) => KeyPrefix + Sha256Hex.Of("HumanConnect.exchange:", sessionToken);

    /// <summary>Claims the session token for <paramref name="localUserId"/>'s exchange.</summary>
    public async Task<ExchangeClaim> ClaimAsync(string sessionToken, string localUserId, CancellationToken cancellationToken)
    {
        var key = KeyFor(sessionToken);
        var userTag = UserLocks.UserTag(localUserId);
        var pending = $"{PendingPrefix}{userTag}:{Guid.NewGuid():N}";
        string? held;
        try
        {
            held = await coordinator.TryAcquireAsync(key, pending, CoordinationTimes.Lease(options.CurrentValue), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.CoordinatorFailed(logger, "claim", ex.GetType().Name);
            return new ExchangeClaim(this, key, null, ExchangeClaimState.Failed);
        }

        var state = held switch
        {
            null => ExchangeClaimState.Claimed,
            _ when held.StartsWith(DonePrefix, StringComparison.Ordinal) && held.AsSpan(DonePrefix.Length).SequenceEqual(userTag)
                => ExchangeClaimState.ExchangedForThisUser,
            _ when held.StartsWith(DonePrefix, StringComparison.Ordinal) => ExchangeClaimState.ExchangedForAnotherUser,
            _ => ExchangeClaimState.InProgress,
        };
        return new ExchangeClaim(this, key, state == ExchangeClaimState.Claimed ? pending : null, state) { UserTag = userTag };
    }

    /// <summary>Turns the claim into the record of a finished exchange, kept for replays.</summary>
    internal async Task MarkExchangedAsync(ExchangeClaim claim)
    {
        try
        {
            if (!await coordinator.TryReplaceAsync(claim.Key, claim.Value!, DonePrefix + claim.UserTag, CoordinationTimes.ExchangeRetention, CancellationToken.None))
            {
                // The claim outlived its lease; a replay now meets Human API's own refusal instead of the stored answer.
                HumanConnectLog.ExchangeClaimExpired(logger, CoordinationTimes.Lease(options.CurrentValue).TotalMilliseconds);
            }
        }
        catch (Exception ex)
        {
            // The tokens are stored: the finish succeeded. Only a replay's answer is affected (a 409 until the claim expires).
            HumanConnectLog.CoordinatorFailed(logger, "mark exchanged", ex.GetType().Name);
        }
    }

    /// <summary>Gives the session token back, so that a retry with it may exchange it.</summary>
    internal async Task ReleaseAsync(ExchangeClaim claim)
    {
        try
        {
            await coordinator.ReleaseAsync(claim.Key, claim.Value!, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The claim's lease frees it in the end; until then a retry with this token answers 409.
            HumanConnectLog.CoordinatorFailed(logger, "release", ex.GetType().Name);
        }
    }
}

/// <summary>What <see cref="ExchangeMarkers.ClaimAsync"/> found.</summary>
internal enum ExchangeClaimState
{
    /// <summary>This request holds the session token: it, and only it, exchanges it.</summary>
    Claimed,

    /// <summary>Another request is exchanging it right now.</summary>
    InProgress,

    /// <summary>It was exchanged, and its tokens stored, for the same signed-in user.</summary>
    ExchangedForThisUser,

    /// <summary>It was exchanged for another user.</summary>
    ExchangedForAnotherUser,

    /// <summary>The coordinator failed; nothing is known.</summary>
    Failed,
}

/// <summary>A claim on a session token; only a <see cref="ExchangeClaimState.Claimed"/> one has a value to release or mark.</summary>
internal sealed record ExchangeClaim(ExchangeMarkers Markers, string Key, string? Value, ExchangeClaimState State)
{
    public string UserTag { get; init; } = string.Empty;

    public Task MarkExchangedAsync() => Markers.MarkExchangedAsync(this);

    public Task ReleaseAsync() => Markers.ReleaseAsync(this);
}
