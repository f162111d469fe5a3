namespace HumanConnect.AspNetCore;

/// <summary>
/// The stable, machine-readable codes the Human Connect endpoints put in the <c>errorCode</c> extension of every
/// <c>application/problem+json</c> answer, the <c>error.type</c> of failed spans and metrics, and
/// <see cref="HumanConnectFailureContext.ErrorCode"/>. Titles and details may be reworded; these codes will not change.
/// </summary>
public static class HumanConnectErrorCodes
{
    /// <summary>401: nobody is signed in.</summary>
    public const string NotAuthenticated = "not_authenticated";

    /// <summary>400: the antiforgery token is missing or does not match the user's cookie.</summary>
    public const string AntiforgeryFailed = "antiforgery_failed";

    /// <summary>
    /// 400: the body is missing, is not valid JSON or form data, is not UTF-8, has broken framing (a bad chunk), gives a
    /// field twice (or in two letter cases), gives a field a non-string value, or has too many fields or too long a field name.
    /// </summary>
    public const string MalformedBody = "malformed_body";

    /// <summary>405: the endpoints accept POST only.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>408: the client stalled while sending the body, or sent it below the server's minimum data rate.</summary>
    public const string RequestTimeout = "request_timeout";

    /// <summary>413: the body is over 8 KiB, larger than any sessionTokenObject (either endpoint).</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>415: the body is neither <c>application/json</c> nor <c>application/x-www-form-urlencoded</c>.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>400: a field of the sessionTokenObject is missing, too long, holds control characters, or names another app.</summary>
    public const string ValidationFailed = "validation_failed";

    /// <summary>
    /// 404: the signed-in user never connected (or was disconnected already), so there is no humanId to ask a
    /// publicToken for, or nothing to disconnect.
    /// </summary>
    public const string NotConnected = "not_connected";

    /// <summary>403: Human API says the session belongs to another user than the signed-in one. Nothing was stored.</summary>
    public const string ClientUserMismatch = "client_user_mismatch";

    /// <summary>403: Human API says the session belongs to another app. Nothing was stored.</summary>
    public const string ClientIdMismatch = "client_id_mismatch";

    /// <summary>
    /// 409: another request is exchanging the same session token right now (a double submit, a second tab, another
    /// instance). Human API was not called again; the other request's answer is the one that counts.
    /// </summary>
    public const string ExchangeInProgress = "exchange_in_progress";

    /// <summary>
    /// 409: the session token was exchanged already, for another user, or for this one but their record has changed
    /// since. Human API was not called again: a session token is single-use. (A replay by the same user, while the
    /// record still holds that exchange's human, is answered 200 with the stored publicToken instead.)
    /// </summary>
    public const string AlreadyExchanged = "already_exchanged";

    /// <summary>
    /// 409: another request for the same user (a second tab, another instance) held the user's lock for longer than
    /// the wait, two <c>UpstreamTimeout</c>s. Nothing was changed; try again.
    /// </summary>
    public const string ConcurrentRequest = "concurrent_request";

    /// <summary>502: Human API refused the request (a 4xx answer: bad credentials, unknown or spent session token).</summary>
    public const string UpstreamRejected = "upstream_rejected";

    /// <summary>502: Human API could not be reached, answered 5xx or a redirect (redirects are never followed), or the HTTP client's pipeline failed.</summary>
    public const string UpstreamUnavailable = "upstream_unavailable";

    /// <summary>502: Human API answered with something that is not the expected JSON.</summary>
    public const string UpstreamInvalidResponse = "upstream_invalid_response";

    /// <summary>
    /// 502 (disconnect): Human API's Application API refused the App Key (401 or 403). Nothing was removed; check
    /// <c>HumanConnect:AppKey</c>.
    /// </summary>
    public const string AppKeyRejected = "app_key_rejected";

    /// <summary>504: Human API did not answer in time.</summary>
    public const string UpstreamTimeout = "upstream_timeout";

    /// <summary>
    /// 403: the host's <see cref="HumanConnectEvents.OnTokensIssued"/> rejected the tokens without naming a code of its
    /// own (<see cref="HumanConnectTokensIssuedContext.Reject"/>). Nothing was stored. Telemetry records every host
    /// rejection under this code, whatever code the answer carries.
    /// </summary>
    public const string TokensRejected = "tokens_rejected";

    /// <summary>503: the token store failed. Nothing was half-written.</summary>
    public const string StoreUnavailable = "store_unavailable";

    /// <summary>
    /// 404: the endpoint belongs to the other Connect flow than <c>HumanConnect:ConnectVersion</c> names (finish or
    /// public-token while it is <c>V2</c>, sync while it is <c>Legacy</c>). Nothing was read or changed.
    /// </summary>
    public const string ConnectVersionMismatch = "connect_version_mismatch";
}
