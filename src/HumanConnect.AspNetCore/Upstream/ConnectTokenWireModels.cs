namespace HumanConnect.AspNetCore.Upstream;

// The JSON of Connect v2's token endpoint, snake_case on the wire (ConnectTokenJsonContext). Nothing here is public,
// so hosts never see the clientSecret-bearing request; every ToString leaves the secret and the tokens out.

/// <summary>The body of <c>POST connect/token</c>: which token, for which user, signed with the client secret.</summary>
internal sealed record ConnectTokenRequest(string Type, string ClientId, string ClientSecret, string ClientUserId)
{
    /// <summary>Sent with <c>session</c> only, and only when the signed-in user has an email claim.</summary>
    public string? ClientUserEmail { get; init; }

    public override string ToString() => $"ConnectTokenRequest {{ Type = {Type}, ClientId = {ClientId} }}";
}

/// <summary>
/// Every field any of the three answers carries (<c>session</c>: session_token, human_id, expires_in; <c>id</c>:
/// id_token, id_token_expires_in; <c>access</c>: access_token, expires_in, token_type, refresh_token). Read
/// tolerantly: unknown fields are skipped and numbers may arrive as strings.
/// </summary>
internal sealed record ConnectTokenAnswer(
    string? SessionToken,
    string? IdToken,
    string? AccessToken,
    string? HumanId,
    double? ExpiresIn,
    double? IdTokenExpiresIn,
    string? TokenType)
{
    public override string ToString() => $"ConnectTokenAnswer {{ HumanId = {HumanId}, ExpiresIn = {ExpiresIn}, IdTokenExpiresIn = {IdTokenExpiresIn} }}";
}
