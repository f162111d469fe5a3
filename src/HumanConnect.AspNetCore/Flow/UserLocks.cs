using System.Diagnostics;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// One lock per local user, on the <see cref="IHumanConnectCoordinator"/>: every call to Human API that rotates the
/// user's publicToken (an exchange, a publictokens call) is made while holding it, and its answer stored before it is
/// released, so the stored publicToken is always the last one Human API issued.
/// </summary>
internal sealed class UserLocks(
    IHumanConnectCoordinator coordinator,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger<UserLocks> logger)
{
    private const string KeyPrefix = "HumanConnect:user-lock:";

    /// <summary>The lock's key: a hash of the local user id, which never appears in clear.</summary>
    internal static string KeyFor(string localUserId) => KeyPrefix + UserTag(localUserId);

    /// <summary>An opaque, stable name for a local user, for keys and values that must not reveal the id.</summary>
    internal static string UserTag(string localUserId) => Sha256Hex.Of("HumanConnect.user:", localUserId);

    /// <summary>A new name for the request that takes a lock, used for all of its attempts and its release.</summary>
    public static string NewOwner() => Guid.NewGuid().ToString("N");

    /// <summary>One attempt: the lock, or <see cref="UserLockAttempt.Contended"/> when another request holds it.</summary>
    public async Task<UserLockAttempt> TryEnterAsync(string localUserId, string owner, CancellationToken cancellationToken)
    {
        var key = KeyFor(localUserId);
        var lease = CoordinationTimes.Lease(options.CurrentValue);
        try
        {
            return await coordinator.TryAcquireAsync(key, owner, lease, cancellationToken) is null
                ? UserLockAttempt.Entered(new HeldUserLock(this, key, owner))
                : UserLockAttempt.Contended;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.CoordinatorFailed(logger, "acquire", ex.GetType().Name);
            return UserLockAttempt.Failed(HumanConnectFailure.StoreUnavailable);
        }
    }

    /// <summary>
    /// Waits for the lock, at most <see cref="CoordinationTimes.LockWait"/>, trying again at growing intervals; a
    /// lock that stays held answers <see cref="HumanConnectFailure.ConcurrentRequest"/>.
    /// </summary>
    public async Task<UserLockAttempt> EnterAsync(string localUserId, string owner, CancellationToken cancellationToken)
    {
        var wait = CoordinationTimes.LockWait(options.CurrentValue);
        var started = Stopwatch.GetTimestamp();
        var pause = CoordinationTimes.FirstPoll;
        while (true)
        {
            var attempt = await TryEnterAsync(localUserId, owner, cancellationToken);
            if (!attempt.IsContended)
            {
                return attempt;
            }

            var left = wait - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                HumanConnectLog.UserLockTimedOut(logger, wait.TotalMilliseconds);
                return UserLockAttempt.Failed(HumanConnectFailure.ConcurrentRequest);
            }

            // Jitter, so that requests queued behind one holder do not all try again in the same instant.
            var jittered = pause * (0.75 + (Random.Shared.NextDouble() / 2));
            await Task.Delay(jittered < left ? jittered : left, cancellationToken);
            pause = pause * 2 < CoordinationTimes.MaxPoll ? pause * 2 : CoordinationTimes.MaxPoll;
        }
    }

    private async Task ReleaseAsync(string key, string owner)
    {
        try
        {
            // Not the request's token: an aborted request must still free the lock for the user's next one.
            await coordinator.ReleaseAsync(key, owner, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease frees it in the end; until then the user's requests wait, and answer 409 if it lasts.
            HumanConnectLog.CoordinatorFailed(logger, "release", ex.GetType().Name);
        }
    }

    /// <summary>A held lock; disposing it releases it.</summary>
    internal sealed class HeldUserLock(UserLocks locks, string key, string owner) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _released, 1) == 0 ? new ValueTask(locks.ReleaseAsync(key, owner)) : ValueTask.CompletedTask;
    }
}

/// <summary>The result of trying to take a user's lock: held, held by someone else, or failed.</summary>
internal readonly record struct UserLockAttempt(UserLocks.HeldUserLock? Lock, HumanConnectFailure Failure)
{
    public static readonly UserLockAttempt Contended = new(null, HumanConnectFailure.None);

    /// <summary>Another request holds the lock; nothing failed.</summary>
    public bool IsContended => Lock is null && Failure == HumanConnectFailure.None;

    public static UserLockAttempt Entered(UserLocks.HeldUserLock held) => new(held, HumanConnectFailure.None);

    public static UserLockAttempt Failed(HumanConnectFailure failure) => new(null, failure);
}
