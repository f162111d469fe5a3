namespace HumanConnect.AspNetCore.Upstream;

/// <summary>The three tokens Connect v2's token endpoint mints.</summary>
internal enum ConnectTokenType
{
    /// <summary>Opens Connect for a user's first connect; its answer names the user's humanId.</summary>
    Session,

    /// <summary>Opens Connect for a returning user.</summary>
    Id,

    /// <summary>Reads the user's data (a Bearer token for the data API); the server's only, never a page's.</summary>
    Access,
}

/// <summary>A token Connect v2 minted.</summary>
/// <param name="Type">Which token.</param>
/// <param name="Value">The token itself; <see cref="ToString"/> leaves it out.</param>
/// <param name="Lifetime">How long Human API said it lives; <see cref="TimeSpan.Zero"/> when it did not say (then it is not cached).</param>
/// <param name="HumanId">The user's humanId, when the answer named it (a <c>session</c> answer does).</param>
internal sealed record ConnectToken(ConnectTokenType Type, string Value, TimeSpan Lifetime, string? HumanId)
{
    public override string ToString() => $"ConnectToken {{ Type = {Type}, Lifetime = {Lifetime}, HumanId = {HumanId} }}";
}

/// <summary>Why Connect v2's token endpoint gave no token.</summary>
internal enum ConnectTokenFailure
{
    None,

    /// <summary>401 or 403: Human API does not accept the client id and secret.</summary>
    ClientRejected,

    /// <summary>
    /// 404: no such user, or (for <c>access</c>) no connected data sources yet. Human API does not document this
    /// status; it is what integrations and the sandbox use for "not yet", and the flow starts a session instead.
    /// </summary>
    NotFound,

    /// <summary>Any other 4xx.</summary>
    Rejected,

    /// <summary>Unreachable, 5xx, a redirect (never followed: it would resend the secret), or a failing handler.</summary>
    Unavailable,

    /// <summary>2xx with a body that is not the expected JSON, lacks the token, or is too large.</summary>
    InvalidResponse,

    /// <summary>No answer within <see cref="HumanConnectOptions.UpstreamTimeout"/>.</summary>
    Timeout,
}

/// <summary>The outcome of one call to the token endpoint: a token, or why there is none.</summary>
internal readonly record struct ConnectTokenResult(ConnectToken? Token, ConnectTokenFailure Failure)
{
    public bool Succeeded => Token is not null;

    public static ConnectTokenResult Success(ConnectToken token) => new(token, ConnectTokenFailure.None);

    public static ConnectTokenResult Fail(ConnectTokenFailure failure) => new(null, failure);

    /// <summary>The failure in the terms of the legacy client, which the problem answers are written in.</summary>
    public HumanApiFailureKind FailureKind => Failure switch
    {
        ConnectTokenFailure.ClientRejected or ConnectTokenFailure.NotFound or ConnectTokenFailure.Rejected => HumanApiFailureKind.Rejected,
        ConnectTokenFailure.InvalidResponse => HumanApiFailureKind.InvalidResponse,
        ConnectTokenFailure.Timeout => HumanApiFailureKind.Timeout,
        _ => HumanApiFailureKind.Unavailable,
    };
}
