namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// How long the coordination entries live and how long a request waits for one, all derived from
/// <see cref="HumanConnectOptions.UpstreamTimeout"/> so that the one setting that bounds a Human API call also
/// bounds everything that waits on one.
/// </summary>
internal static class CoordinationTimes
{
    /// <summary>
    /// How long a finished exchange is remembered, so a replay of its session token is answered from the store instead
    /// of Human API: as long as a session token lives (Human API's are short-lived; the sandbox's live 10 minutes).
    /// </summary>
    public static readonly TimeSpan ExchangeRetention = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A user's lock, and a session token's in-progress marker, expire after three upstream timeouts: the holder
    /// makes one Human API call (at most one timeout) plus store reads and writes, so only a holder that died, or a
    /// store that hangs, ever reaches it. Then the entry frees itself, and the user is not locked out for good.
    /// </summary>
    public static TimeSpan Lease(HumanConnectOptions options) => options.UpstreamTimeout * 3;

    /// <summary>
    /// A request waits at most two upstream timeouts for the user's lock: long enough for one holder's whole call,
    /// short enough that a browser is answered (<c>409 concurrent_request</c>) well before a proxy gives up.
    /// </summary>
    public static TimeSpan LockWait(HumanConnectOptions options) => options.UpstreamTimeout * 2;

    /// <summary>The first pause between two attempts at a held lock; it doubles up to <see cref="MaxPoll"/>.</summary>
    public static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5);

    /// <summary>The longest pause between two attempts: a released lock is taken within about this long.</summary>
    public static readonly TimeSpan MaxPoll = TimeSpan.FromMilliseconds(50);
}
