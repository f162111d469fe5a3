namespace HumanConnect.AspNetCore.Sandbox.Serialization;

// The JSON the sandbox speaks. The Human API shapes (tokens, publictokens, the sessionTokenObject, the error) carry
// exactly the fields Human API's legacy Connect uses, under the same camelCase names; the "Ui" and "Sessions" shapes
// are the sandbox's own (the hosted page and the test shortcut). Every field of a request is nullable: a missing
// field is a 400 answer, not an exception.

// Requests that carry the client secret print it (and the single-use session token) redacted: the compiler's
// ToString would put them in any log line or assertion message that formats the request.

/// <summary>The body of <c>POST tokens</c>: the sessionTokenObject plus the client secret.</summary>
internal sealed record TokensRequest(string? HumanId, string? ClientId, string? ClientSecret, string? SessionToken)
{
    public override string ToString() =>
        $"TokensRequest {{ HumanId = {HumanId}, ClientId = {ClientId}, ClientSecret = {Redacted.Of(ClientSecret)}, SessionToken = {Redacted.Of(SessionToken)} }}";
}

/// <summary>The answer of <c>POST tokens</c>, as Human API documents it.</summary>
internal sealed record TokensAnswer(string HumanId, string AccessToken, string PublicToken, string ClientId, string ClientUserId)
{
    public override string ToString() => $"TokensAnswer {{ HumanId = {HumanId}, ClientId = {ClientId}, ClientUserId = {ClientUserId} }}";
}

/// <summary>The body of <c>POST publictokens</c>.</summary>
internal sealed record PublicTokensRequest(string? HumanId, string? ClientId, string? ClientSecret)
{
    public override string ToString() =>
        $"PublicTokensRequest {{ HumanId = {HumanId}, ClientId = {ClientId}, ClientSecret = {Redacted.Of(ClientSecret)} }}";
}

/// <summary>The answer of <c>POST publictokens</c>.</summary>
internal sealed record PublicTokensAnswer(string HumanId, string PublicToken);

/// <summary>What Connect's <c>finish</c> callback receives, and what the sessions shortcut answers.</summary>
internal sealed record SessionTokenObject(string HumanId, string ClientId, string SessionToken);

/// <summary>A legacy Connect error, as <c>error(err)</c> receives it: <c>code</c>, <c>message</c>, <c>detailedMessage</c>.</summary>
internal sealed record LegacyError(string Code, string Message, string DetailedMessage);

/// <summary>The body of the sandbox-only <c>POST sessions</c> shortcut.</summary>
internal sealed record SessionsRequest(string? ClientId, string? ClientSecret, string? ClientUserId, string? PublicToken, string[]? Sources)
{
    public override string ToString() =>
        $"SessionsRequest {{ ClientId = {ClientId}, ClientSecret = {Redacted.Of(ClientSecret)}, ClientUserId = {ClientUserId}, " +
        $"PublicToken = {Redacted.Of(PublicToken)}, Sources = [{(Sources is null ? string.Empty : string.Join(", ", Sources))}] }}";
}

/// <summary>The hosted page asks to open (or resume) a Connect session with its query parameters.</summary>
internal sealed record UiOpenRequest(string? ClientId, string? ClientUserId, string? PublicToken, string? SessionToken);

/// <summary>The hosted page connects or disconnects one source.</summary>
internal sealed record UiSourceRequest(string? SessionToken, string? Source, bool? Connected);

/// <summary>The hosted page's "Done".</summary>
internal sealed record UiDoneRequest(string? SessionToken);

/// <summary>What the hosted page shows: the session, its mode, and each source's state.</summary>
internal sealed record UiSessionView(string SessionToken, string HumanId, string ClientId, string Mode, bool Changed, UiSource[] Sources);

/// <summary>One source as the hosted page lists it.</summary>
internal sealed record UiSource(string Name, bool Connected);

/// <summary>The answer to "Done": the token for <c>finish</c> when something changed, otherwise none (the page closes).</summary>
internal sealed record UiDoneAnswer(bool Finished, SessionTokenObject? Token);

/// <summary>The body of <c>POST faults</c>: which endpoint, which fault, its parameters, how many requests.</summary>
internal sealed record FaultRequest(string? Endpoint, string? Fault, int? Status, int? DelayMs, int? Count, int? RetryAfterSeconds = null);

/// <summary>One user of the app, as the Application API lists it; <c>externalId</c> is the clientUserId.</summary>
internal sealed record ApplicationUser(string HumanId, string ExternalId, string AppId, string CreatedAt, string UpdatedAt);

/// <summary>How a secret field prints: whether it was given, never what it holds.</summary>
internal static class Redacted
{
    public static string Of(string? value) => value is null ? "null" : "[redacted]";
}
