using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {prefix}/connect/sync</c>, Connect v2's one endpoint: <c>human-connect-v2.js</c> calls it after Connect
/// reported a change (a source connected or disconnected, or Connect closed with changes). The browser's events are
/// not trusted and its body is not read (only bounded): the server asks Human API itself, then stores what it learnt.
/// </summary>
internal sealed class ConnectSyncEndpoint(IHumanConnectUserResolver users, ILogger logger)
{
    public async Task<Results<JsonHttpResult<ConnectSyncAnswer>, ProblemHttpResult>> SyncAsync(HttpContext httpContext, ConnectV2Flow flow)
    {
        if (users.GetLocalUserId(httpContext) is not { } localUserId)
        {
            return HumanConnectProblems.NotAuthenticated();
        }

        if (await RequestBody.DiscardAsync(httpContext, logger) is { } unreadable)
        {
            return unreadable;
        }

        var outcome = await flow.SyncAsync(localUserId, ConnectUserEmail.Of(httpContext.User), httpContext.RequestAborted);
        return outcome.Succeeded
            ? TypedResults.Json(new ConnectSyncAnswer(outcome.Connected, outcome.HumanId), ConnectSyncJsonContext.Default.ConnectSyncAnswer)
            : HumanConnectProblems.For(HumanConnectOutcome.Fail(outcome.Failure));
    }
}
