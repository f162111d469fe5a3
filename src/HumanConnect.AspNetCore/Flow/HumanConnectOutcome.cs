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

    /// <summary>Human API's Application API refused the App Key (401 or 403); nothing was removed.</summary>
    AppKeyRejected,
}

/// <summary>
/// The result of a flow operation: the user's tokens (<see langword="null"/> with no failure only when a read
/// found nothing stored), or why nothing was stored.
/// </summary>
internal readonly record struct HumanConnectOutcome(HumanTokens? Tokens, HumanConnectFailure Failure)
{
    public bool Succeeded => Failure == HumanConnectFailure.None;

    public static HumanConnectOutcome Success(HumanTokens? tokens) => new(tokens, HumanConnectFailure.None);

    public static HumanConnectOutcome Fail(HumanConnectFailure failure) => new(null, failure);

    public static HumanConnectOutcome FailUpstream(HumanApiFailureKind failure) => Fail(failure switch
    {
        HumanApiFailureKind.Rejected => HumanConnectFailure.UpstreamRejected,
        HumanApiFailureKind.InvalidResponse => HumanConnectFailure.UpstreamInvalidResponse,
        HumanApiFailureKind.Timeout => HumanConnectFailure.UpstreamTimeout,
        _ => HumanConnectFailure.UpstreamUnavailable,
    });
}
