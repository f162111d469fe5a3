using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>Why a flow operation failed; each maps to one problem answer.</summary>
internal enum HumanConnectFailure
{
    None,
    NotConnected,
    ClientUserMismatch,
    ClientIdMismatch,
    StoreUnavailable,

    /// <summary>Another request is exchanging the same session token right now; Human API was not called.</summary>
    ExchangeInProgress,

    /// <summary>The session token was exchanged already, for another user or for a record since removed; Human API was not called.</summary>
    AlreadyExchanged,

    /// <summary>Another request for the same user held the user's lock for longer than the wait; nothing was changed.</summary>
    ConcurrentRequest,

    /// <summary>Human API answered 4xx: credentials, or a spent or unknown session token.</summary>
    UpstreamRejected,

    /// <summary>Human API was unreachable, answered 5xx or a redirect, or the HTTP client's pipeline failed.</summary>
    UpstreamUnavailable,

    /// <summary>Human API answered something that is not the expected JSON, or names another humanId.</summary>
    UpstreamInvalidResponse,

    /// <summary>Human API did not answer within <see cref="HumanConnectOptions.UpstreamTimeout"/>.</summary>
    UpstreamTimeout,

    /// <summary>The host's <see cref="HumanConnectEvents.OnTokensIssued"/> refused the tokens; nothing was stored.</summary>
    TokensRejected,

    /// <summary>Human API's Application API refused the App Key (401 or 403); nothing was removed.</summary>
    AppKeyRejected,
}

/// <summary>How the host refused issued tokens (<see cref="HumanConnectTokensIssuedContext.Reject"/>): the problem's code and detail.</summary>
internal sealed record HostRejection(string ErrorCode, string? Detail);

/// <summary>
/// The result of a flow operation: the user's tokens (<see langword="null"/> with no failure only when a read
/// found nothing stored), or why nothing was stored.
/// </summary>
internal readonly record struct HumanConnectOutcome(HumanTokens? Tokens, HumanConnectFailure Failure, HostRejection? Rejection = null)
{
    public bool Succeeded => Failure == HumanConnectFailure.None;

    /// <summary>The <c>errorCode</c> of the problem this failure is answered with (the host's own for a rejection).</summary>
    public string ErrorCode => Rejection?.ErrorCode ?? TelemetryErrorType;

    /// <summary>
    /// The <c>error.type</c> telemetry records: the library's code, <see cref="HumanConnectErrorCodes.TokensRejected"/>
    /// for every host rejection, so no text a host chose reaches a metric dimension.
    /// </summary>
    // No discard arm on purpose: a failure added to the enum without a code here fails the build (CS8509), rather
    // than being reported under another failure's code. Values outside the enum cannot occur (CS8524).
#pragma warning disable CS8524
    public string TelemetryErrorType => Failure switch
    {
        HumanConnectFailure.None => string.Empty,
        HumanConnectFailure.NotConnected => HumanConnectErrorCodes.NotConnected,
        HumanConnectFailure.ClientUserMismatch => HumanConnectErrorCodes.ClientUserMismatch,
        HumanConnectFailure.ClientIdMismatch => HumanConnectErrorCodes.ClientIdMismatch,
        HumanConnectFailure.StoreUnavailable => HumanConnectErrorCodes.StoreUnavailable,
        HumanConnectFailure.ExchangeInProgress => HumanConnectErrorCodes.ExchangeInProgress,
        HumanConnectFailure.AlreadyExchanged => HumanConnectErrorCodes.AlreadyExchanged,
        HumanConnectFailure.ConcurrentRequest => HumanConnectErrorCodes.ConcurrentRequest,
        HumanConnectFailure.UpstreamRejected => HumanConnectErrorCodes.UpstreamRejected,
        HumanConnectFailure.UpstreamInvalidResponse => HumanConnectErrorCodes.UpstreamInvalidResponse,
        HumanConnectFailure.UpstreamTimeout => HumanConnectErrorCodes.UpstreamTimeout,
        HumanConnectFailure.UpstreamUnavailable => HumanConnectErrorCodes.UpstreamUnavailable,
        HumanConnectFailure.TokensRejected => HumanConnectErrorCodes.TokensRejected,
        HumanConnectFailure.AppKeyRejected => HumanConnectErrorCodes.AppKeyRejected,
    };
#pragma warning restore CS8524

    public static HumanConnectOutcome Success(HumanTokens? tokens) => new(tokens, HumanConnectFailure.None);

    public static HumanConnectOutcome Fail(HumanConnectFailure failure) => new(null, failure);

    public static HumanConnectOutcome Rejected(HostRejection rejection) => new(null, HumanConnectFailure.TokensRejected, rejection);

    public static HumanConnectOutcome FailUpstream(HumanApiFailureKind failure) => Fail(failure switch
    {
        HumanApiFailureKind.Rejected => HumanConnectFailure.UpstreamRejected,
        HumanApiFailureKind.InvalidResponse => HumanConnectFailure.UpstreamInvalidResponse,
        HumanApiFailureKind.Timeout => HumanConnectFailure.UpstreamTimeout,
        _ => HumanConnectFailure.UpstreamUnavailable,
    });
}
