namespace HumanConnect.AspNetCore.Upstream;

/// <summary>Why a call to Human API produced no usable answer.</summary>
internal enum HumanApiFailureKind
{
    /// <summary>Human API answered 4xx: it refused the credentials, the session token or the user.</summary>
    Rejected,

    /// <summary>Human API could not be reached, answered 5xx, or answered a redirect (never followed: it would resend the secret).</summary>
    Unavailable,

    /// <summary>Human API answered 2xx with a body that is not the expected JSON, lacks fields, or is too large.</summary>
    InvalidResponse,

    /// <summary>Human API did not answer within <see cref="HumanConnectOptions.UpstreamTimeout"/>.</summary>
    Timeout,
}

/// <summary>The error codes Human API's failures are answered with, and recorded under in telemetry.</summary>
internal static class HumanApiFailureKindExtensions
{
    public static string ErrorCode(this HumanApiFailureKind kind) => kind switch
    {
        HumanApiFailureKind.Rejected => HumanConnectErrorCodes.UpstreamRejected,
        HumanApiFailureKind.InvalidResponse => HumanConnectErrorCodes.UpstreamInvalidResponse,
        HumanApiFailureKind.Timeout => HumanConnectErrorCodes.UpstreamTimeout,
        _ => HumanConnectErrorCodes.UpstreamUnavailable,
    };
}

/// <summary>The outcome of one call to Human API: a value, or a typed failure.</summary>
internal readonly record struct HumanApiResult<T>(T? Value, HumanApiFailureKind Failure)
    where T : class
{
    public bool Succeeded => Value is not null;

    public static HumanApiResult<T> Success(T value) => new(value, default);

    public static HumanApiResult<T> Fail(HumanApiFailureKind failure) => new(null, failure);
}
