using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Sandbox.Serialization;

// Connect v2's JSON. The token endpoint's bodies are snake_case, exactly as Human API's (ConnectTokenJsonContext);
// the hosted v2 page's calls are the sandbox's own and camelCase like the message objects the page posts
// (SandboxJsonContext). Request fields are nullable: a missing one is a 400 answer, not an exception.

/// <summary>The body of <c>POST connect/token</c>. Prints without the secret.</summary>
internal sealed record ConnectTokenRequest(string? Type, string? ClientId, string? ClientSecret, string? ClientUserId, string? ClientUserEmail)
{
    public override string ToString() =>
        $"ConnectTokenRequest {{ Type = {Type}, ClientId = {ClientId}, ClientSecret = {Redacted.Of(ClientSecret)}, ClientUserId = {ClientUserId} }}";
}

/// <summary><c>type=session</c>'s answer.</summary>
internal sealed record ConnectSessionAnswer(string SessionToken, string HumanId, long ExpiresIn)
{
    public override string ToString() => $"ConnectSessionAnswer {{ HumanId = {HumanId}, ExpiresIn = {ExpiresIn} }}";
}

/// <summary><c>type=id</c>'s answer.</summary>
internal sealed record ConnectIdAnswer(string IdToken, long IdTokenExpiresIn)
{
    public override string ToString() => $"ConnectIdAnswer {{ IdTokenExpiresIn = {IdTokenExpiresIn} }}";
}

/// <summary><c>type=access</c>'s answer.</summary>
internal sealed record ConnectAccessAnswer(string AccessToken, long ExpiresIn, string TokenType, string RefreshToken)
{
    public override string ToString() => $"ConnectAccessAnswer {{ ExpiresIn = {ExpiresIn}, TokenType = {TokenType} }}";
}

/// <summary>
/// An error in the shape of Human API's newer services: <c>{statusCode, error, message, "x-humanapi-request-id"}</c>.
/// The names are fixed here, so the shape is the same under either JSON context. <c>error</c> holds the sandbox's
/// stable code for the reason (Human API's own values are undocumented).
/// </summary>
internal sealed record ConnectError(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("x-humanapi-request-id")] string RequestId);

/// <summary>The hosted v2 page opens with the token of its URL.</summary>
internal sealed record ConnectPageRequest(string? Token);

/// <summary>The hosted v2 page connects or disconnects one source (by name).</summary>
internal sealed record ConnectPageSourceRequest(string? Token, string? Source, bool? Connected);

/// <summary>
/// What the hosted v2 page shows and posts: which token opened it (<c>session</c> for a first Connect, <c>id</c> for a
/// returning user), every demo source with its state, and the two parts of Human API's message objects that come
/// from the server (<c>sessionResults</c>, <c>currentConnections</c>).
/// </summary>
internal sealed record ConnectPageView(string TokenType, ConnectPageSource[] Sources, ConnectSessionResults SessionResults, ConnectSourceRef[] CurrentConnections);

/// <summary>One demo source as the hosted v2 page lists it.</summary>
internal sealed record ConnectPageSource(string Id, string Name, bool Connected);

/// <summary>A source as Human API's message objects name it.</summary>
internal sealed record ConnectSourceRef(string Name, string Id);

/// <summary>What changed during this Connect session: sources connected, disconnected, and requested (never, here).</summary>
internal sealed record ConnectSessionResults(ConnectSourceRef[] ConnectedSources, ConnectSourceRef[] DisconnectedSources, ConnectSourceRef[] RequestedSources);
