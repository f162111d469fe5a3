using HumanConnect.AspNetCore.Flow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The endpoints' handlers. The group's filters have already checked the cross-cutting rules (signed in, body
/// size, antiforgery); each handler reads top to bottom: who is asking, what they sent, is it valid, then the flow.
/// </summary>
internal sealed class HumanConnectEndpoints(
    IHumanConnectUserResolver users,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger logger)
{
    /// <summary><c>POST {prefix}/connect/finish</c>: exchanges Connect's session token for the signed-in user's tokens.</summary>
    public async Task<Results<JsonHttpResult<HumanConnectResult>, ValidationProblem, ProblemHttpResult>> FinishAsync(
        HttpContext httpContext, HumanConnectFlow flow)
    {
        if (users.GetLocalUserId(httpContext) is not { } localUserId)
        {
            return HumanConnectProblems.NotAuthenticated();
        }

        var (sessionToken, unreadable) = await SessionTokenBody.ReadAsync(httpContext, logger);
        if (sessionToken is null)
        {
            return unreadable!;
        }

        if (SessionTokenValidator.Validate(sessionToken, options.CurrentValue.ClientId) is { } errors)
        {
            return HumanConnectProblems.ValidationFailed(errors);
        }

        var outcome = await flow.FinishAsync(httpContext, localUserId, sessionToken);
        return outcome.Succeeded ? Success(outcome.Tokens!) : HumanConnectProblems.For(outcome);
    }

    /// <summary><c>POST {prefix}/connect/public-token</c>: a fresh publicToken for the signed-in user, who connected before.</summary>
    public async Task<Results<JsonHttpResult<HumanConnectResult>, ProblemHttpResult>> PublicTokenAsync(
        HttpContext httpContext, HumanConnectFlow flow)
    {
        if (users.GetLocalUserId(httpContext) is not { } localUserId)
        {
            return HumanConnectProblems.NotAuthenticated();
        }

        // No body is expected, but one sent must still be bounded, chunked or not.
        if (await RequestBody.DiscardAsync(httpContext, logger) is { } unreadable)
        {
            return unreadable;
        }

        var outcome = await flow.RefreshPublicTokenAsync(httpContext, localUserId);
        return outcome.Succeeded ? Success(outcome.Tokens!) : HumanConnectProblems.For(outcome);
    }

    /// <summary>
    /// <c>POST {prefix}/connect/disconnect</c>: deletes the signed-in user at Human API (with the App Key) and removes
    /// their stored tokens; without an App Key, the stored tokens only, and the answer says Human API still knows them.
    /// </summary>
    public async Task<Results<JsonHttpResult<HumanConnectDisconnectAnswer>, ProblemHttpResult>> DisconnectAsync(
        HttpContext httpContext, HumanConnectFlow flow)
    {
        if (users.GetLocalUserId(httpContext) is not { } localUserId)
        {
            return HumanConnectProblems.NotAuthenticated();
        }

        if (await RequestBody.DiscardAsync(httpContext, logger) is { } unreadable)
        {
            return unreadable;
        }

        var outcome = await flow.DisconnectAsync(localUserId, httpContext.RequestAborted, httpContext);
        return outcome.Succeeded
            ? TypedResults.Json(HumanConnectDisconnectAnswer.For(outcome.HumanApiUserDeleted), HumanConnectEndpointsJsonContext.Default.HumanConnectDisconnectAnswer)
            : HumanConnectProblems.For(outcome);
    }

    /// <summary>Any other method on the endpoints' routes: a 405 problem naming the one method they take.</summary>
    public static ProblemHttpResult MethodNotAllowed(HttpContext httpContext)
    {
        httpContext.Response.Headers.Allow = HttpMethods.Post;
        return HumanConnectProblems.MethodNotAllowed();
    }

    /// <summary>
    /// Written with the library's own source-generated contract, not the host's HttpJsonOptions: a host naming
    /// policy (PascalCase, snake_case) or a trimmed resolver would otherwise change the JSON human-connect.js reads.
    /// The access token is not part of the answer.
    /// </summary>
    private static JsonHttpResult<HumanConnectResult> Success(HumanTokens tokens) =>
        TypedResults.Json(new HumanConnectResult(tokens.HumanId, tokens.PublicToken!), HumanConnectEndpointsJsonContext.Default.HumanConnectResult);
}
