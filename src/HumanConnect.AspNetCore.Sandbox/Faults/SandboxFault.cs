namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>
/// A failure the sandbox plays instead of (or before) answering a token endpoint, so that a client's failure paths
/// can be exercised over real HTTP. Faults that short-circuit change no sandbox state: a session token survives
/// a faulted exchange and can be retried.
/// </summary>
public sealed record SandboxFault
{
    private SandboxFault(SandboxFaultKind kind, int statusCode, TimeSpan delay)
    {
        Kind = kind;
        StatusCode = statusCode;
        Delay = delay;
    }

    /// <summary>How the fault misbehaves.</summary>
    public SandboxFaultKind Kind { get; }

    /// <summary>The status a <see cref="SandboxFaultKind.ServerError"/> answers (500–599); 0 for other kinds.</summary>
    public int StatusCode { get; }

    /// <summary>How long a <see cref="SandboxFaultKind.Latency"/> fault waits; zero for other kinds.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Answers <paramref name="statusCode"/> (500 by default) with a plain-text body.</summary>
    /// <param name="statusCode">A status from 500 to 599.</param>
    /// <returns>The fault.</returns>
    public static SandboxFault ServerError(int statusCode = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new(SandboxFaultKind.ServerError, statusCode, TimeSpan.Zero);
    }

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
}
