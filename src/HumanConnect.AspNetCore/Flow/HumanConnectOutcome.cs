using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>Why a connect operation failed; each maps to one problem answer.</summary>
internal enum HumanConnectFailure
{
    None,
    NotConnected,
    ClientUserMismatch,
    ClientIdMismatch,
    Upstream,
    StoreUnavailable,
}

/// <summary>
/// The result of a flow operation: the user's tokens (<see langword="null"/> with no failure only when a read
/// found nothing stored), or why nothing was stored.
/// </summary>
internal readonly record struct HumanConnectOutcome(HumanTokens? Tokens, HumanConnectFailure Failure, HumanApiFailureKind UpstreamFailure)
{
    public bool Succeeded => Failure == HumanConnectFailure.None;

    public static HumanConnectOutcome Success(HumanTokens? tokens) => new(tokens, HumanConnectFailure.None, default);

    public static HumanConnectOutcome Fail(HumanConnectFailure failure) => new(null, failure, default);

    public static HumanConnectOutcome FailUpstream(HumanApiFailureKind upstreamFailure) => new(null, HumanConnectFailure.Upstream, upstreamFailure);

    /// <summary>A short, stable description of the failure for logs (<c>UpstreamTimeout</c>, <c>StoreUnavailable</c>).</summary>
    public string FailureName => Failure == HumanConnectFailure.Upstream ? $"Upstream{UpstreamFailure}" : Failure.ToString();
}
