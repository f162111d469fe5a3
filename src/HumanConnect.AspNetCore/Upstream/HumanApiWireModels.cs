namespace HumanConnect.AspNetCore.Upstream;

// The JSON Human API's legacy Connect endpoints speak. Property names follow the wire (camelCase via the
// serializer context); nothing here is public, so hosts never see the clientSecret-bearing shapes.

/// <summary>The body of <c>POST tokens</c>: the browser's sessionTokenObject signed with the client secret.</summary>
internal sealed record TokensRequest(string HumanId, string ClientId, string SessionToken, string ClientSecret)
{
    public override string ToString() => $"TokensRequest {{ HumanId = {HumanId}, ClientId = {ClientId} }}";
}

/// <summary>The answer of <c>POST tokens</c>.</summary>
internal sealed record TokensResponse(string? HumanId, string? AccessToken, string? PublicToken, string? ClientId, string? ClientUserId)
{
    public override string ToString() => $"TokensResponse {{ HumanId = {HumanId}, ClientId = {ClientId}, ClientUserId = {ClientUserId} }}";
}

/// <summary>The body of <c>POST publictokens</c>.</summary>
internal sealed record PublicTokensRequest(string HumanId, string ClientId, string ClientSecret)
{
    public override string ToString() => $"PublicTokensRequest {{ HumanId = {HumanId}, ClientId = {ClientId} }}";
}

/// <summary>The answer of <c>POST publictokens</c>.</summary>
internal sealed record PublicTokensResponse(string? HumanId, string? PublicToken);
