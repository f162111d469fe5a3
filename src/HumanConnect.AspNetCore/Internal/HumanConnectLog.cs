using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Internal;

/// <summary>
/// Every log event of the library, in id order. An id, once shipped, keeps its meaning and is never reused:
/// operators filter and alert on them. The README lists them.
/// </summary>
/// <remarks>
/// No event carries a request or response body, a token, the client secret or a local user id. Exceptions are
/// logged by type only: a store's or a handler's message can quote the values it was given.
/// </remarks>
internal static partial class HumanConnectLog
{
    // 1–19: calls to Human API.

    [LoggerMessage(1, LogLevel.Debug, "Human API {Operation} succeeded with {Status} in {ElapsedMs:0.0} ms.", EventName = "UpstreamSucceeded")]
    public static partial void UpstreamSucceeded(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(2, LogLevel.Warning, "Human API {Operation} answered {Status} after {ElapsedMs:0.0} ms.", EventName = "UpstreamRefused")]
    public static partial void UpstreamRefused(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(3, LogLevel.Warning, "Human API {Operation} answered {Status} with a body that is not the expected JSON or is too large.", EventName = "UpstreamInvalidAnswer")]
    public static partial void UpstreamInvalidAnswer(ILogger logger, string operation, int status);

    [LoggerMessage(4, LogLevel.Warning, "Human API {Operation} answered without a required field.", EventName = "UpstreamIncompleteAnswer")]
    public static partial void UpstreamIncompleteAnswer(ILogger logger, string operation);

    [LoggerMessage(5, LogLevel.Warning, "Human API {Operation} timed out after {ElapsedMs:0.0} ms ({Reason}).", EventName = "UpstreamTimedOut")]
    public static partial void UpstreamTimedOut(ILogger logger, string operation, double elapsedMs, string reason);

    [LoggerMessage(6, LogLevel.Warning, "Human API {Operation} could not be reached ({Error}).", EventName = "UpstreamUnreachable")]
    public static partial void UpstreamUnreachable(ILogger logger, string operation, string error);

    [LoggerMessage(7, LogLevel.Warning, "Human API {Operation} failed in the HTTP client's pipeline ({ExceptionType}).", EventName = "UpstreamHandlerFailed")]
    public static partial void UpstreamHandlerFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(8, LogLevel.Warning, "Human API {Operation} answered a redirect ({Status}), which is not followed: the client secret would travel with it. Check the endpoint settings.", EventName = "UpstreamRedirected")]
    public static partial void UpstreamRedirected(ILogger logger, string operation, int status);

    // 20–29: the flow's decisions and the token store.

    [LoggerMessage(20, LogLevel.Warning, "Human API issued tokens for another clientId than this app's; nothing was stored.", EventName = "ClientIdMismatch")]
    public static partial void ClientIdMismatch(ILogger logger);

    [LoggerMessage(21, LogLevel.Warning, "Human API issued tokens for another clientUserId than the signed-in user's; nothing was stored.", EventName = "ClientUserMismatch")]
    public static partial void ClientUserMismatch(ILogger logger);

    [LoggerMessage(22, LogLevel.Warning, "Human API answered publictokens for another humanId than the one asked for; nothing was stored.", EventName = "HumanIdMismatch")]
    public static partial void HumanIdMismatch(ILogger logger);

    [LoggerMessage(23, LogLevel.Error, "The Human Connect token store failed to {Operation} ({ExceptionType}).", EventName = "StoreFailed")]
    public static partial void StoreFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(24, LogLevel.Information, "Stored the Human API tokens of the signed-in user.", EventName = "TokensStored")]
    public static partial void Stored(ILogger logger);

    [LoggerMessage(25, LogLevel.Error, "A stored Human Connect record could not be decrypted: the Data Protection key that protected it is gone (the key ring was lost, replaced, or is not shared by every instance). Its humanId was kept beside it, so the button renews the publicToken and the user can reconnect in edit mode to get new tokens; until then the user's access token is lost. Persist the key ring where every instance reads it.", EventName = "StoreRecordUnreadable")]
    public static partial void StoreRecordUnreadable(ILogger logger);

    [LoggerMessage(26, LogLevel.Error, "A Human Connect record stored by an earlier release could not be decrypted (the Data Protection key that protected it is gone) and carries no humanId: the user is shown create mode, which Human API refuses with \"User Already Exists\" until the user is deleted there. Persist the key ring where every instance reads it.", EventName = "StoreLegacyRecordLost")]
    public static partial void StoreLegacyRecordLost(ILogger logger);

    // 30–39: requests to the endpoints.

    [LoggerMessage(30, LogLevel.Information, "A Human Connect request body was refused with {Status} ({Reason}).", EventName = "RequestBodyRefused")]
    public static partial void RequestBodyRefused(ILogger logger, int status, string reason);

    // 40–49: the Connect button.

    [LoggerMessage(40, LogLevel.Warning, "The Connect button is disabled: the Human Connect token store could not be read.", EventName = "ButtonStoreUnavailable")]
    public static partial void ButtonStoreUnavailable(ILogger logger);

    [LoggerMessage(41, LogLevel.Warning, "The Connect button is disabled: the user's lost publicToken could not be renewed ({Reason}).", EventName = "ButtonPublicTokenRenewalFailed")]
    public static partial void ButtonPublicTokenRenewalFailed(ILogger logger, string reason);

    [LoggerMessage(42, LogLevel.Information, "Renewed the user's lost publicToken before rendering the Connect button.", EventName = "ButtonPublicTokenRenewed")]
    public static partial void ButtonPublicTokenRenewed(ILogger logger);

    [LoggerMessage(43, LogLevel.Warning, "The Connect button's redirect URL is neither app-relative nor http(s); the page will reload after finish instead.", EventName = "ButtonUnsafeRedirectIgnored")]
    public static partial void ButtonUnsafeRedirectIgnored(ILogger logger);

    // 50–59: coordination between concurrent requests and instances (IHumanConnectCoordinator).

    [LoggerMessage(50, LogLevel.Error, "The Human Connect coordinator failed to {Operation} ({ExceptionType}).", EventName = "CoordinatorFailed")]
    public static partial void CoordinatorFailed(ILogger logger, string operation, string exceptionType);

    [LoggerMessage(51, LogLevel.Information, "A finish was refused without calling Human API: its session token {State}.", EventName = "FinishReplayRefused")]
    public static partial void FinishReplayRefused(ILogger logger, string state);

    [LoggerMessage(52, LogLevel.Information, "A finish of a session token already exchanged for the signed-in user was answered from the store, without calling Human API.", EventName = "FinishReplayAnswered")]
    public static partial void FinishReplayAnswered(ILogger logger);

    [LoggerMessage(53, LogLevel.Warning, "Gave up after waiting {WaitMs:0} ms for the user's lock, held by another request for the same user.", EventName = "UserLockTimedOut")]
    public static partial void UserLockTimedOut(ILogger logger, double waitMs);

    [LoggerMessage(54, LogLevel.Debug, "A publicToken refresh that waited for the user's lock answered the publicToken stored meanwhile, without calling Human API.", EventName = "PublicTokenCoalesced")]
    public static partial void PublicTokenCoalesced(ILogger logger);

    [LoggerMessage(55, LogLevel.Warning, "An exchange outlived its {LeaseMs:0} ms claim on the session token; check the latency of the token store and of Human API.", EventName = "ExchangeClaimExpired")]
    public static partial void ExchangeClaimExpired(ILogger logger, double leaseMs);

    // 100–119: Connect v2 (the token endpoint, its cache, the button, sync and migration).

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
