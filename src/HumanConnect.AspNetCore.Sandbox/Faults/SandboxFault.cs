namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>
/// A failure the sandbox plays instead of (or before) answering an endpoint, so that a client's failure paths can be
/// exercised over real HTTP. Faults that short-circuit change no sandbox state: a session token survives a faulted
/// exchange and can be retried, a faulted <c>DELETE</c> deletes nobody.
/// </summary>
public sealed record SandboxFault
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

    private SandboxFault(SandboxFaultKind kind, int statusCode, TimeSpan delay, TimeSpan? retryAfter = null)
    {
        Kind = kind;
        StatusCode = statusCode;
        Delay = delay;
        RetryAfter = retryAfter;
    }

    /// <summary>How the fault misbehaves.</summary>
    public SandboxFaultKind Kind { get; }

    /// <summary>The status a <see cref="SandboxFaultKind.ServerError"/> (500–599) or <see cref="SandboxFaultKind.TooManyRequests"/> (429) answers; 0 for other kinds.</summary>
    public int StatusCode { get; }

    /// <summary>How long a <see cref="SandboxFaultKind.Latency"/> fault waits; zero for other kinds.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The <c>Retry-After</c> a 5xx or 429 answer carries, in whole seconds (rounded up); <see langword="null"/> for none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Answers <paramref name="statusCode"/> (500 by default) with a plain-text body.</summary>
    /// <param name="statusCode">A status from 500 to 599.</param>
    /// <param name="retryAfter">A <c>Retry-After</c> to send (zero to one day), or <see langword="null"/> for none.</param>
    /// <returns>The fault.</returns>
    public static SandboxFault ServerError(int statusCode = 500, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(SandboxFaultKind.ServerError, statusCode, TimeSpan.Zero, CheckRetryAfter(retryAfter));
    }

    /// <summary>Answers <c>429 Too Many Requests</c> with a plain-text body, as a rate-limited API would.</summary>
    /// <param name="retryAfter">A <c>Retry-After</c> to send (zero to one day), or <see langword="null"/> for none.</param>
    /// <returns>The fault.</returns>
    public static SandboxFault TooManyRequests(TimeSpan? retryAfter = null) =>
        new(SandboxFaultKind.TooManyRequests, 429, TimeSpan.Zero, CheckRetryAfter(retryAfter));

    /// <summary>Answers 200 <c>application/json</c> with a truncated, unparsable body.</summary>
    public static SandboxFault MalformedBody { get; } = new(SandboxFaultKind.MalformedBody, 0, TimeSpan.Zero);

    /// <summary>Delays the answer by <paramref name="delay"/>, then answers normally.</summary>
    /// <param name="delay">From zero to five minutes.</param>
    /// <returns>The fault.</returns>
    public static SandboxFault Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, TimeSpan.FromMinutes(5));
        return new(SandboxFaultKind.Latency, 0, delay);
    }

    /// <summary>Holds the request without answering until the caller aborts it (or the host stops).</summary>
    public static SandboxFault Hang { get; } = new(SandboxFaultKind.Hang, 0, TimeSpan.Zero);

    private static TimeSpan? CheckRetryAfter(TimeSpan? retryAfter)
    {
        if (retryAfter is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(retryAfter));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxRetryAfter, nameof(retryAfter));
        }

        return retryAfter;
    }
}
