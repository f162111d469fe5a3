using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Internal;

/// <summary>The log events of Connect v2 (ids 100–119): the token endpoint, its cache, the button, sync and migration.</summary>
internal static partial class HumanConnectLog
{
    [LoggerMessage(100, LogLevel.Debug, "Connect v2 minted a {TokenType} token ({Status}) in {ElapsedMs:0.0} ms.", EventName = "ConnectTokenMinted")]
    public static partial void ConnectTokenMinted(ILogger logger, string tokenType, int status, double elapsedMs);

    [LoggerMessage(101, LogLevel.Warning, "Connect v2 refused a {TokenType} token with {Status} after {ElapsedMs:0.0} ms (Human API request id {RequestId}).", EventName = "ConnectTokenRefused")]
    public static partial void ConnectTokenRefused(ILogger logger, string tokenType, int status, double elapsedMs, string requestId);

    [LoggerMessage(102, LogLevel.Information, "Connect v2 answered 404 to a {TokenType} token after {ElapsedMs:0.0} ms: the user is unknown or has no connected source yet (Human API request id {RequestId}).", EventName = "ConnectTokenNotFound")]
    public static partial void ConnectTokenNotFound(ILogger logger, string tokenType, double elapsedMs, string requestId);

    [LoggerMessage(103, LogLevel.Warning, "Connect v2 answered a {TokenType} token request with {Status} and a body that is not the expected JSON, lacks the token, or is too large.", EventName = "ConnectTokenInvalidAnswer")]
    public static partial void ConnectTokenInvalidAnswer(ILogger logger, string tokenType, int status);

    [LoggerMessage(104, LogLevel.Warning, "Connect v2's token endpoint timed out after {ElapsedMs:0.0} ms minting a {TokenType} token ({Reason}).", EventName = "ConnectTokenTimedOut")]
    public static partial void ConnectTokenTimedOut(ILogger logger, string tokenType, double elapsedMs, string reason);

    [LoggerMessage(105, LogLevel.Warning, "Connect v2's token endpoint could not be reached minting a {TokenType} token ({Error}).", EventName = "ConnectTokenUnreachable")]
    public static partial void ConnectTokenUnreachable(ILogger logger, string tokenType, string error);

    [LoggerMessage(106, LogLevel.Warning, "Minting a Connect v2 {TokenType} token failed in the HTTP client's pipeline ({ExceptionType}).", EventName = "ConnectTokenHandlerFailed")]
    public static partial void ConnectTokenHandlerFailed(ILogger logger, string tokenType, string exceptionType);

    [LoggerMessage(107, LogLevel.Warning, "Connect v2's token endpoint answered a redirect ({Status}) to a {TokenType} token request, which is not followed: the client secret would travel with it. Check HumanConnect:ConnectTokenEndpoint.", EventName = "ConnectTokenRedirected")]
    public static partial void ConnectTokenRedirected(ILogger logger, string tokenType, int status);

    [LoggerMessage(108, LogLevel.Warning, "The Connect v2 token cache failed to {Operation} ({ExceptionType}); a token is minted instead of read.", EventName = "ConnectTokenCacheFailed")]
    public static partial void ConnectTokenCacheFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(109, LogLevel.Warning, "The Connect button is disabled: a Connect v2 {TokenType} token could not be minted ({Reason}).", EventName = "ButtonConnectTokenFailed")]
    public static partial void ButtonConnectTokenFailed(ILogger logger, string tokenType, string reason);

    [LoggerMessage(110, LogLevel.Warning, "Connect v2 minted a session for another humanId than the one stored for the signed-in user; the button is disabled and nothing was stored. Check the user resolver's clientUserId.", EventName = "ConnectSessionHumanIdMismatch")]
    public static partial void ConnectSessionHumanIdMismatch(ILogger logger);

    [LoggerMessage(111, LogLevel.Information, "Connect v2 sync: the signed-in user {Outcome}.", EventName = "ConnectSynced")]
    public static partial void ConnectSynced(ILogger logger, string outcome);

    [LoggerMessage(112, LogLevel.Information, "A {Flow} endpoint was called while HumanConnect:ConnectVersion is {ConnectVersion}; it answered 404 connect_version_mismatch.", EventName = "ConnectVersionMismatch")]
    public static partial void ConnectVersionMismatch(ILogger logger, string flow, string connectVersion);

    [LoggerMessage(113, LogLevel.Information, "Connect v2 migration: {Outcome}.", EventName = "ConnectMigration")]
    public static partial void ConnectMigration(ILogger logger, string outcome);

    [LoggerMessage(114, LogLevel.Warning, "Connect v2 migration failed ({Reason}); the record was left as it was, and running the migration again retries it.", EventName = "ConnectMigrationFailed")]
    public static partial void ConnectMigrationFailed(ILogger logger, string reason);

    [LoggerMessage(115, LogLevel.Information, "The data API refused a Connect v2 access token (401); it was dropped from the cache, and the next read mints a new one.", EventName = "ConnectAccessTokenDropped")]
    public static partial void ConnectAccessTokenDropped(ILogger logger);
}
