namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>How an injected fault misbehaves.</summary>
public enum SandboxFaultKind
{
    /// <summary>Answers a 5xx status with a non-JSON body, and a <c>Retry-After</c> when one is set; nothing is processed.</summary>
    ServerError,

    /// <summary>Answers <c>200</c> with <c>application/json</c> that is not valid JSON; nothing is processed.</summary>
    MalformedBody,

    /// <summary>Waits (wall-clock time), then processes the request normally.</summary>
    Latency,

    /// <summary>Never answers: holds the request until the caller gives up or the host stops, then aborts it.</summary>
    Hang,

    /// <summary>Answers <c>429</c>, with a <c>Retry-After</c> when one is set; nothing is processed.</summary>
    TooManyRequests,
}
