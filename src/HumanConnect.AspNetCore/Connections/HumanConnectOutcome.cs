using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Connections;

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

/// <summary>The result of a connect operation: the stored tokens, or why nothing was stored.</summary>
internal readonly record struct HumanConnectOutcome(HumanTokens? Tokens, HumanConnectFailure Failure, HumanApiFailureKind UpstreamFailure)
{
    public bool Succeeded => Tokens is not null;

    public static HumanConnectOutcome Success(HumanTokens tokens) => new(tokens, HumanConnectFailure.None, default);

    public static HumanConnectOutcome Fail(HumanConnectFailure failure) => new(null, failure, default);

    public static HumanConnectOutcome FailUpstream(HumanApiFailureKind upstreamFailure) => new(null, HumanConnectFailure.Upstream, upstreamFailure);
}
