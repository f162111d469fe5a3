using HumanConnect.AspNetCore.Sandbox.Serialization;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>A legacy-style error with the HTTP status the sandbox answers it with.</summary>
internal sealed record SandboxError(int Status, LegacyError Body);

/// <summary>
/// Every error the sandbox produces. Human API documents only the "User Already Exists" message and the
/// <c>code</c>/<c>message</c>/<c>detailedMessage</c> fields; the codes and statuses are the sandbox's own and stable.
/// </summary>
internal static class SandboxErrors
{
    public static SandboxError UserAlreadyExists() => new(StatusCodes.Status409Conflict, new("USER_ALREADY_EXISTS",
        "User Already Exists",
        "A user with this clientUserId already exists for this app: open Connect with the user's publicToken (edit mode)."));

    public static SandboxError InvalidPublicToken() => new(StatusCodes.Status401Unauthorized, new("INVALID_PUBLIC_TOKEN",
        "Invalid Public Token",
        "The publicToken is unknown or stale (it rotates on every connect), or belongs to another user or app: fetch a fresh one from publictokens."));

    public static SandboxError UnknownClient() => new(StatusCodes.Status401Unauthorized, new("UNKNOWN_CLIENT",
        "Unknown Client",
        "The clientId is not the sandbox app's client id."));

    public static SandboxError MissingParameter(string name) => new(StatusCodes.Status400BadRequest, new("MISSING_PARAMETER",
        "Missing Parameter",
        $"{name} is required."));

    public static SandboxError UnknownSource() => new(StatusCodes.Status400BadRequest, new("UNKNOWN_SOURCE",
        "Unknown Source",
        "The source is not one of the sandbox's demo sources."));

    public static SandboxError SessionExpired() => new(StatusCodes.Status404NotFound, new("SESSION_EXPIRED",
        "Session Expired",
        "This Connect session is unknown, finished or expired: open Connect again."));

    public static SandboxError InvalidClient() => new(StatusCodes.Status401Unauthorized, new("INVALID_CLIENT",
        "Invalid Client Credentials",
        "clientId or clientSecret is wrong."));

    public static SandboxError UnknownHuman() => new(StatusCodes.Status401Unauthorized, new("UNKNOWN_HUMAN",
        "Unknown User",
        "No user with this humanId exists for this app."));

    public static SandboxError InvalidSessionToken() => new(StatusCodes.Status400BadRequest, new("INVALID_SESSION_TOKEN",
        "Invalid Session Token",
        "The session token is unknown, expired, already used, or was issued for another humanId or clientId."));

    public static SandboxError ClientUserIdTooLong(int maxLength) => new(StatusCodes.Status400BadRequest, new("CLIENT_USER_ID_TOO_LONG",
        "Client User Id Too Long",
        $"clientUserId must be at most {maxLength} characters."));

    public static SandboxError TooManySessions(int max) => new(StatusCodes.Status503ServiceUnavailable, new("TOO_MANY_SESSIONS",
        "Too Many Sessions",
        $"The sandbox already holds {max} open Connect sessions, its limit: finish or close some, or wait for them to expire."));

    public static SandboxError MalformedRequest(string detail) => new(StatusCodes.Status400BadRequest, new("INVALID_REQUEST",
        "Invalid Request", detail));

    public static SandboxError UnsupportedMediaType() => new(StatusCodes.Status415UnsupportedMediaType, new("UNSUPPORTED_MEDIA_TYPE",
        "Unsupported Media Type", "Send the body as application/json, in UTF-8: with no charset or charset=utf-8."));

    public static SandboxError BodyTooLarge(long maxBytes) => new(StatusCodes.Status413PayloadTooLarge, new("BODY_TOO_LARGE",
        "Body Too Large", $"The body must be at most {maxBytes} bytes."));

    public static SandboxError BodyTimedOut() => new(StatusCodes.Status408RequestTimeout, new("REQUEST_TIMEOUT",
        "Request Timeout", "The body arrived too slowly: send it whole, without pauses."));

    public static SandboxError UnreadableBody(int status) => new(status, new("INVALID_REQUEST",
        "Invalid Request", "The body could not be read: its HTTP framing (Content-Length or chunked encoding) is broken."));
}
