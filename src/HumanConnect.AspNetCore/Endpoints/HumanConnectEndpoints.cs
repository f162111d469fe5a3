using Microsoft.AspNetCore.Http.Features;
using HumanConnect.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>The two request handlers. The filters in front of them have authenticated, checked antiforgery, bound and validated.</summary>
internal static class HumanConnectEndpoints
{
    public static async Task<Results<Ok<HumanConnectResult>, ProblemHttpResult>> FinishAsync(
        HttpContext httpContext, HumanConnectService connect)
    {
        var request = httpContext.Features.GetRequiredFeature<HumanConnectRequestFeature>();
        var outcome = await connect.FinishAsync(request.LocalUserId, request.SessionToken!, httpContext.RequestAborted);
        return ToResult(outcome);
    }

    public static async Task<Results<Ok<HumanConnectResult>, ProblemHttpResult>> PublicTokenAsync(
        HttpContext httpContext, HumanConnectService connect)
    {
        var request = httpContext.Features.GetRequiredFeature<HumanConnectRequestFeature>();
        var outcome = await connect.RefreshPublicTokenAsync(request.LocalUserId, httpContext.RequestAborted);
        return ToResult(outcome);
    }

    private static Results<Ok<HumanConnectResult>, ProblemHttpResult> ToResult(HumanConnectOutcome outcome) => outcome.Failure switch
    {
        HumanConnectFailure.None => TypedResults.Ok(new HumanConnectResult(outcome.Tokens!.HumanId, outcome.Tokens.PublicToken!)),
        HumanConnectFailure.NotConnected => HumanConnectProblems.NotConnected(),
        HumanConnectFailure.ClientUserMismatch => HumanConnectProblems.ClientUserMismatch(),
        HumanConnectFailure.ClientIdMismatch => HumanConnectProblems.ClientIdMismatch(),
        HumanConnectFailure.StoreUnavailable => HumanConnectProblems.StoreUnavailable(),
        _ => HumanConnectProblems.Upstream(outcome.UpstreamFailure),
    };
}
