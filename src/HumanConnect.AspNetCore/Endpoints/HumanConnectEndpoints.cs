using Microsoft.AspNetCore.Http.Features;
using HumanConnect.AspNetCore.Connections;
using HumanConnect.AspNetCore.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>The two request handlers. The filters in front of them have authenticated, checked antiforgery, bound and validated.</summary>
internal static class HumanConnectEndpoints
{
    public static async Task<Results<JsonHttpResult<HumanConnectResult>, ProblemHttpResult>> FinishAsync(
        HttpContext httpContext, HumanConnectService connect)
    {
        var request = httpContext.Features.GetRequiredFeature<HumanConnectRequestFeature>();
        var outcome = await connect.FinishAsync(request.LocalUserId, request.SessionToken!, httpContext.RequestAborted);
        return ToResult(outcome);
    }

    public static async Task<Results<JsonHttpResult<HumanConnectResult>, ProblemHttpResult>> PublicTokenAsync(
        HttpContext httpContext, HumanConnectService connect)
    {
        var request = httpContext.Features.GetRequiredFeature<HumanConnectRequestFeature>();
        var outcome = await connect.RefreshPublicTokenAsync(request.LocalUserId, httpContext.RequestAborted);
        return ToResult(outcome);
    }

    private static Results<JsonHttpResult<HumanConnectResult>, ProblemHttpResult> ToResult(HumanConnectOutcome outcome) => outcome.Failure switch
    {
        // Written with the library's own source-generated contract, not the host's HttpJsonOptions: a host naming
        // policy (PascalCase, snake_case) or a trimmed resolver would otherwise change the JSON human-connect.js reads.
        HumanConnectFailure.None => TypedResults.Json(
            new HumanConnectResult(outcome.Tokens!.HumanId, outcome.Tokens.PublicToken!), HumanConnectJsonContext.Default.HumanConnectResult),
        HumanConnectFailure.NotConnected => HumanConnectProblems.NotConnected(),
        HumanConnectFailure.ClientUserMismatch => HumanConnectProblems.ClientUserMismatch(),
        HumanConnectFailure.ClientIdMismatch => HumanConnectProblems.ClientIdMismatch(),
        HumanConnectFailure.StoreUnavailable => HumanConnectProblems.StoreUnavailable(),
        _ => HumanConnectProblems.Upstream(outcome.UpstreamFailure),
    };
}
