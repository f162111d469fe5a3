using HumanConnect.AspNetCore.Flow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Builds every failure answer of the endpoints: <c>application/problem+json</c> with a stable
/// <c>errorCode</c> and a detail a developer can act on. Nothing secret, nothing from upstream, goes in.
/// </summary>
internal static class HumanConnectProblems
{
    public const string ErrorCodeKey = "errorCode";

    public static ProblemHttpResult NotAuthenticated() => Problem(StatusCodes.Status401Unauthorized,
        HumanConnectErrorCodes.NotAuthenticated, "Sign in first.", "Human Connect endpoints need a signed-in user.");

    public static ProblemHttpResult AntiforgeryFailed() => Problem(StatusCodes.Status400BadRequest,
        HumanConnectErrorCodes.AntiforgeryFailed, "Antiforgery validation failed.",
        "Send the antiforgery token rendered with the Connect button in the request header it names.");

    public static ProblemHttpResult MalformedBody(string detail) => Problem(StatusCodes.Status400BadRequest,
        HumanConnectErrorCodes.MalformedBody, "The request body could not be read.", detail);

    public static ProblemHttpResult BodyTooLarge() => Problem(StatusCodes.Status413PayloadTooLarge,
        HumanConnectErrorCodes.BodyTooLarge, "The request body is too large.",
        $"The Human Connect endpoints read at most {HumanConnectRequestLimits.MaxBodyBytes} bytes; a sessionTokenObject is far smaller.");

    public static ProblemHttpResult RequestTimeout() => Problem(StatusCodes.Status408RequestTimeout,
        HumanConnectErrorCodes.RequestTimeout, "The request body arrived too slowly.",
        "The client stalled or sent the body below the server's minimum data rate; send it again.");

    public static ProblemHttpResult MethodNotAllowed(string detail = "The Human Connect endpoints accept POST only.") =>
        Problem(StatusCodes.Status405MethodNotAllowed, HumanConnectErrorCodes.MethodNotAllowed, "Method not allowed.", detail);

    public static ProblemHttpResult UnsupportedMediaType() => Problem(StatusCodes.Status415UnsupportedMediaType,
        HumanConnectErrorCodes.UnsupportedMediaType, "Unsupported content type.",
        "Post the sessionTokenObject as application/json or application/x-www-form-urlencoded.");

    public static ValidationProblem ValidationFailed(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(
        errors,
        detail: "The sessionTokenObject is not valid: see errors.",
        title: "One or more fields are invalid.",
        extensions: new Dictionary<string, object?> { [ErrorCodeKey] = HumanConnectErrorCodes.ValidationFailed });

    public static ProblemHttpResult NotConnected() => Problem(StatusCodes.Status404NotFound,
        HumanConnectErrorCodes.NotConnected, "This user has not connected Human API.",
        "Open Connect in create mode first; a publicToken exists only after the first connect.");

    public static ProblemHttpResult ClientUserMismatch() => Problem(StatusCodes.Status403Forbidden,
        HumanConnectErrorCodes.ClientUserMismatch, "The Connect session belongs to another user.",
        "Human API issued these tokens for a different clientUserId than the signed-in user's. Nothing was stored.");

    public static ProblemHttpResult ClientIdMismatch() => Problem(StatusCodes.Status403Forbidden,
        HumanConnectErrorCodes.ClientIdMismatch, "The Connect session belongs to another app.",
        "Human API issued these tokens for a different clientId than this app's. Nothing was stored.");

    public static ProblemHttpResult StoreUnavailable() => Problem(StatusCodes.Status503ServiceUnavailable,
        HumanConnectErrorCodes.StoreUnavailable, "The token store is unavailable.",
        "The tokens could not be read or saved. Nothing was changed; try again.");

    public static ProblemHttpResult ExchangeInProgress() => Problem(StatusCodes.Status409Conflict,
        HumanConnectErrorCodes.ExchangeInProgress, "This session token is being exchanged.",
        "Another request is exchanging the same session token right now; its answer is the one that counts. Human API was not called again.");

    public static ProblemHttpResult AlreadyExchanged() => Problem(StatusCodes.Status409Conflict,
        HumanConnectErrorCodes.AlreadyExchanged, "This session token was exchanged already.",
        "A session token is single-use and this one was exchanged before. Human API was not called again; open Connect again for a new one.");

    public static ProblemHttpResult ConcurrentRequest() => Problem(StatusCodes.Status409Conflict,
        HumanConnectErrorCodes.ConcurrentRequest, "Another request for this user is still running.",
        "Another Human Connect request for the same user did not finish in time. Nothing was changed; try again in a moment.");

    /// <summary>The host's OnTokensIssued refused the tokens: its code, and its detail when it gave one.</summary>
    public static ProblemHttpResult TokensRejected(HostRejection rejection) => Problem(StatusCodes.Status403Forbidden,
        rejection.ErrorCode, "The app refused this connection.",
        rejection.Detail ?? "The app did not accept the tokens Human API issued for this user. Nothing was stored.");

    public static ProblemHttpResult NothingToDisconnect() => Problem(StatusCodes.Status404NotFound,
        HumanConnectErrorCodes.NotConnected, "This user has not connected Human API.",
        "Nothing is stored for the signed-in user: they never connected, or were disconnected already.");

    /// <summary>The answer to a failed disconnect: the stored tokens were kept.</summary>
    public static ProblemHttpResult For(DisconnectOutcome outcome) => outcome.Failure switch
    {
        HumanConnectFailure.NotConnected => NothingToDisconnect(),
        HumanConnectFailure.AppKeyRejected => Problem(StatusCodes.Status502BadGateway, HumanConnectErrorCodes.AppKeyRejected,
            "Human API refused the App Key.",
            "The Application API did not accept HumanConnect:AppKey, so the user could not be deleted there. Nothing was removed."),
        HumanConnectFailure.UpstreamRejected => Problem(StatusCodes.Status502BadGateway, HumanConnectErrorCodes.UpstreamRejected,
            "Human API refused to delete the user.", "Nothing was removed; try again, or check the App Key and the client id."),
        var failure => For(failure),
    };

    /// <summary>The answer to a failed flow operation.</summary>
    public static ProblemHttpResult For(HumanConnectOutcome outcome) => outcome.Failure == HumanConnectFailure.TokensRejected
        ? TokensRejected(outcome.Rejection!)
        : For(outcome.Failure);

    private static ProblemHttpResult For(HumanConnectFailure failure) => failure switch
    {
        HumanConnectFailure.NotConnected => NotConnected(),
        HumanConnectFailure.ClientUserMismatch => ClientUserMismatch(),
        HumanConnectFailure.ClientIdMismatch => ClientIdMismatch(),
        HumanConnectFailure.StoreUnavailable => StoreUnavailable(),
        HumanConnectFailure.ExchangeInProgress => ExchangeInProgress(),
        HumanConnectFailure.AlreadyExchanged => AlreadyExchanged(),
        HumanConnectFailure.ConcurrentRequest => ConcurrentRequest(),
        HumanConnectFailure.UpstreamRejected => Problem(StatusCodes.Status502BadGateway, HumanConnectErrorCodes.UpstreamRejected,
            "Human API refused the request.",
            "Human API did not accept the credentials or the session token. Check ClientId and ClientSecret, or reconnect."),
        HumanConnectFailure.UpstreamTimeout => Problem(StatusCodes.Status504GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout,
            "Human API did not answer in time.", "Try again in a moment."),
        HumanConnectFailure.UpstreamInvalidResponse => Problem(StatusCodes.Status502BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse,
            "Human API answered with something unexpected.", "The answer was not the expected JSON. Try again in a moment."),
        _ => Problem(StatusCodes.Status502BadGateway, HumanConnectErrorCodes.UpstreamUnavailable,
            "Human API is unavailable.", "Human API could not be reached or failed. Try again in a moment."),
    };

    private static ProblemHttpResult Problem(int status, string errorCode, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title,
            extensions: new Dictionary<string, object?> { [ErrorCodeKey] = errorCode });
}
