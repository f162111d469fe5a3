using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The data API's and the Application API's failure answers: <c>application/problem+json</c> with a stable
/// <c>errorCode</c>. Human API does not document its own error bodies (clients must not read them), so these are the
/// sandbox's. None carries a token, a key or anything from the request but a parameter's name.
/// </summary>
internal static class SandboxProblems
{
    public const string ErrorCodeKey = "errorCode";

    public static ProblemHttpResult TokenInUrl() => Problem(StatusCodes.Status401Unauthorized, "token_in_url",
        "Tokens are not accepted in URLs.",
        "Send the accessToken in the Authorization header (Bearer), never as access_token in the query: URLs end up in logs and Link headers.");

    public static ProblemHttpResult MissingToken() => Problem(StatusCodes.Status401Unauthorized, "missing_token",
        "An accessToken is required.", "Send Authorization: Bearer <accessToken> (or the literal token demo for Human API's demo user).");

    public static ProblemHttpResult InvalidToken() => Problem(StatusCodes.Status401Unauthorized, "invalid_token",
        "The accessToken is not valid.",
        "The token is unknown, or its user was deleted: connect the user again (create mode) to get a new one.");

    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "not_found", "Not found.", detail);

    public static ProblemHttpResult InvalidDate() => Problem(StatusCodes.Status400BadRequest, "invalid_date",
        "The date in the path is not a date.", "Write it yyyy-MM-dd, such as 2015-03-23.");

    public static ProblemHttpResult InvalidQuery(string errorCode, string detail) =>
        Problem(StatusCodes.Status400BadRequest, errorCode, "A query parameter is not valid.", detail);

    public static ProblemHttpResult InvalidAppKey() => Problem(StatusCodes.Status401Unauthorized, "invalid_app_key",
        "The App Key or the clientId is not valid.",
        "Send Authorization: Basic with the App Key as the user name and an empty password, under this app's clientId in the path.");

    public static ProblemHttpResult UserNotFound() => Problem(StatusCodes.Status404NotFound, "user_not_found",
        "No such user.", "The app has no user with this humanId: it was never connected, or was deleted.");

    private static ProblemHttpResult Problem(int status, string errorCode, string title, string detail) => TypedResults.Problem(
        detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { [ErrorCodeKey] = errorCode });
}
