namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>Why the token endpoint refused to mint an <c>id</c> or <c>access</c> token.</summary>
internal enum ConnectTokenRefusal
{
    None,

    /// <summary>No user has this client_user_id: never connected, or deleted at the Application API.</summary>
    UnknownUser,

    /// <summary>The user exists but has no connected source, so there is nothing an access token could read.</summary>
    NoConnectedSources,
}

/// <summary>A token the endpoint minted: its value, its user, how long it lives, and the (unused) refresh token of <c>access</c>.</summary>
internal sealed record ConnectMinted(string Token, string HumanId, TimeSpan Lifetime, string? RefreshToken = null)
{
    public override string ToString() => $"ConnectMinted {{ HumanId = {HumanId}, Lifetime = {Lifetime} }}";
}

/// <summary>A minted token, or why there is none.</summary>
internal readonly record struct ConnectMintResult(ConnectMinted? Value, ConnectTokenRefusal Refusal)
{
    public static implicit operator ConnectMintResult(ConnectMinted value) => new(value, ConnectTokenRefusal.None);

    public static implicit operator ConnectMintResult(ConnectTokenRefusal refusal) => new(null, refusal);
}

/// <summary>
/// Why the hosted v2 page cannot go on. The first three are the <c>status</c> values Human API's page closes with.
/// </summary>
internal enum ConnectPageRefusal
{
    None,
    MissingToken,
    InvalidToken,
    ExpiredToken,

    /// <summary>The source is not one of the demo sources (a page bug or a hand-made call, not a token problem).</summary>
    UnknownSource,
}

/// <summary>
/// What the hosted v2 page shows and reports, copied under the state's lock: whose it is, which token opened it, the
/// demo sources in order, the ones connected now, and the ones connected when this token first opened the page.
/// </summary>
internal sealed record ConnectPageState(
    string HumanId, ConnectLaunchKind Kind, IReadOnlyList<string> Sources, IReadOnlySet<string> Connected, IReadOnlySet<string> AtStart);

/// <summary>A page view, or why there is none.</summary>
internal readonly record struct ConnectPageResult(ConnectPageState? Value, ConnectPageRefusal Refusal)
{
    public static implicit operator ConnectPageResult(ConnectPageState value) => new(value, ConnectPageRefusal.None);

    public static implicit operator ConnectPageResult(ConnectPageRefusal refusal) => new(null, refusal);
}
