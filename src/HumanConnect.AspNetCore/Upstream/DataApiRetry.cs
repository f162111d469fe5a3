using System.Net.Http.Headers;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// When a failed GET of the data API is tried again: after Human API's <c>Retry-After</c> when it gave one (up to
/// <see cref="HumanConnectOptions.DataApiMaxRetryDelay"/>; a longer wait ends the retries), otherwise after a pause
/// that doubles from <see cref="FirstPause"/>, with jitter so that many users' calls do not return in step.
/// </summary>
internal static class DataApiRetry
{
    public static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(200);

    /// <summary>The pause before attempt <paramref name="failedAttempt"/> + 1, or <see langword="null"/> to stop trying.</summary>
    public static TimeSpan? Delay(int failedAttempt, TimeSpan? retryAfter, TimeSpan maxDelay)
    {
        if (retryAfter is { } asked)
        {
            return asked <= maxDelay ? asked : null;
        }

        var pause = FirstPause * Math.Pow(2, failedAttempt - 1) * (0.75 + (Random.Shared.NextDouble() / 2));
        return pause < maxDelay ? pause : maxDelay;
    }

    /// <summary>Human API's <c>Retry-After</c>, as a delay from now (a date in the past is no wait at all).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider time)
    {
        var header = headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}

/// <summary>The clock the data client waits on between attempts: the system's, unless a test replaces it.</summary>
/// <remarks>Not the host's <see cref="TimeProvider"/>: a host's fake clock in its own tests must not freeze the library's retries.</remarks>
internal sealed class DataApiClock(TimeProvider time)
{
    public TimeProvider Time { get; } = time;
}
