using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Internal;

/// <summary>
/// Every log event of the library, in id order (Connect v2's, 100–119, in HumanConnectLog.ConnectV2.cs). An id, once shipped, keeps its meaning and is never reused:
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

    // 60–69: the data client.

    [LoggerMessage(60, LogLevel.Debug, "Human API data {Operation} answered {Status} in {ElapsedMs:0.0} ms.", EventName = "DataCallSucceeded")]
    public static partial void DataCallSucceeded(ILogger logger, string operation, int status, double elapsedMs);

    [LoggerMessage(61, LogLevel.Information, "Human API data {Operation} attempt {Attempt} failed ({Reason}); trying again in {DelayMs:0} ms.", EventName = "DataCallRetrying")]
    public static partial void DataCallRetrying(ILogger logger, string operation, string reason, int attempt, double delayMs);

    [LoggerMessage(62, LogLevel.Warning, "Human API data {Operation} failed: {Failure} (status {Status}) after {Attempts} attempt(s) in {ElapsedMs:0.0} ms.", EventName = "DataCallFailed")]
    public static partial void DataCallFailed(ILogger logger, string operation, string failure, int? status, int attempts, double elapsedMs);

    [LoggerMessage(63, LogLevel.Warning, "Human API refused the user's access token (401) on {Operation}: the stored record is marked, and the user must connect again (the Connect button opens edit mode in its 'reconnect' state).", EventName = "DataReconnectRequired")]
    public static partial void DataReconnectRequired(ILogger logger, string operation);

    [LoggerMessage(64, LogLevel.Warning, "Human API data {Operation} answered a next link that is not the same list under the data API's base URL, or that carries a token; paging goes on by offset.", EventName = "DataNextLinkIgnored")]
    public static partial void DataNextLinkIgnored(ILogger logger, string operation);

    [LoggerMessage(65, LogLevel.Debug, "Human API data {Operation} was not called: {Failure}.", EventName = "DataCallNotSent")]
    public static partial void DataCallNotSent(ILogger logger, string operation, string failure);

    [LoggerMessage(66, LogLevel.Warning, "The user's record could not be marked 'connect again' ({Reason}); the next data call meets Human API's 401 once more.", EventName = "DataReconnectMarkFailed")]
    public static partial void DataReconnectMarkFailed(ILogger logger, string reason);

    // 70–79: disconnecting a user.

    [LoggerMessage(70, LogLevel.Information, "Disconnected the signed-in user: the local record was removed, and the user was deleted at Human API.", EventName = "Disconnected")]
    public static partial void Disconnected(ILogger logger);

    [LoggerMessage(71, LogLevel.Warning, "Disconnected the user locally only: no AppKey is configured, so Human API still knows the user, and a new connect for the same user meets \"User Already Exists\" until the user is deleted there. Set HumanConnect:AppKey.", EventName = "DisconnectedLocallyOnly")]
    public static partial void DisconnectedLocallyOnly(ILogger logger);

    [LoggerMessage(72, LogLevel.Error, "Human API's Application API refused the App Key; nothing was removed. Check HumanConnect:AppKey.", EventName = "AppKeyRejected")]
    public static partial void AppKeyRejected(ILogger logger);

    // 80–89: the host's event handlers (HumanConnectEvents).

    [LoggerMessage(80, LogLevel.Error, "The host's Human Connect {Event} handler threw {ExceptionType}; what had happened stands, and the request was answered as if the handler had returned.", EventName = "EventHandlerFailed")]
    public static partial void EventHandlerFailed(ILogger logger, string @event, string exceptionType);

    [LoggerMessage(81, LogLevel.Information, "The host's OnTokensIssued handler rejected the tokens with {ErrorCode}; nothing was stored.", EventName = "TokensRejectedByHost")]
    public static partial void TokensRejectedByHost(ILogger logger, string errorCode);
}
