using HumanConnect.AspNetCore.Sandbox.Data;
using HumanConnect.AspNetCore.Sandbox.Faults;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// Human API's data API, <c>GET {prefix}/v1/human/...</c>, over the sandbox's users: the accessToken (Bearer only)
/// names the human, the path the family and shape, the query the page and filters; the demo data is generated for
/// the request from the humanId and the clock. It logs outcomes, never a token.
/// </summary>
internal sealed class SandboxDataApi(
    SandboxState state,
    SandboxFaultPlayer faults,
    TimeProvider time,
    IOptions<HumanApiSandboxOptions> options,
    ILogger<SandboxDataApi> logger)
{
    /// <summary>The literal token that reads Human API's demo user.</summary>
    public const string DemoToken = "demo";

    // Human API's demo user has existed for years; a fixed creation time keeps its profile the same on every run.
    private static readonly DateTimeOffset DemoCreatedAt = new(2015, 1, 5, 16, 40, 0, TimeSpan.Zero);

    public async Task ServeAsync(HttpContext httpContext)
    {
        if (await faults.PlayAsync(httpContext, SandboxEndpoint.DataApi))
        {
            return;
        }

        // Health data: nothing between the sandbox and its caller may keep a copy.
        SandboxHttp.NoStore(httpContext);
        try
        {
            await Answer(httpContext).ExecuteAsync(httpContext);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left while the answer was being written: there is no one to tell.
        }
    }

    private IResult Answer(HttpContext httpContext)
    {
        if (Authenticate(httpContext) is not { } human)
        {
            return RefusedToken(httpContext);
        }

        var path = httpContext.Request.RouteValues["path"] as string ?? string.Empty;
        var route = DataRoute.Parse(path, out var badDate);
        if (route is null)
        {
            logger.DataRefused(badDate ? StatusCodes.Status400BadRequest : StatusCodes.Status404NotFound, badDate ? "a malformed date in the path" : "an unknown path");
            return badDate ? SandboxProblems.InvalidDate() : SandboxProblems.NotFound("The data API has no such path: see Human API's data API reference.");
        }

        var (query, error) = DataQuery.Parse(httpContext.Request.Query);
        if (query is null)
        {
            logger.DataRefused(StatusCodes.Status400BadRequest, error!.ErrorCode);
            return SandboxProblems.InvalidQuery(error.ErrorCode, error.Detail);
        }

        return SandboxDataAnswers.Answer(httpContext, new DemoData(human, time.GetUtcNow()), route, query, logger);
    }

    /// <summary>
    /// The human the request's Bearer token names, or <see langword="null"/>. A token in the query string is refused
    /// even beside a valid header: accepting it would teach clients to put tokens in URLs, where logs keep them.
    /// </summary>
    private DemoHuman? Authenticate(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (request.Query.ContainsKey("access_token") || BearerToken(request) is not { } token)
        {
            return null;
        }

        if (token == DemoToken)
        {
            return DemoHuman.Demo(options.Value.DemoSources, DemoCreatedAt);
        }

        return state.FindByAccessToken(token) is { } user
            ? new DemoHuman(user.HumanId, [.. user.Sources.Select(DemoSource.Named)], user.CreatedAt, user.UpdatedAt, Email: null)
            : null;
    }

    private ProblemHttpResult RefusedToken(HttpContext httpContext)
    {
        var request = httpContext.Request;
        var (problem, reason, error) = request.Query.ContainsKey("access_token")
            ? (SandboxProblems.TokenInUrl(), "a token in the query string", "invalid_request")
            : BearerToken(request) is null
                ? (SandboxProblems.MissingToken(), "no Bearer token", null)
                : (SandboxProblems.InvalidToken(), "an unknown or deleted user's token", "invalid_token");

        // RFC 6750: a 401 names the scheme, and the error when a token was sent.
        httpContext.Response.Headers.WWWAuthenticate = error is null
            ? "Bearer realm=\"Human API sandbox\""
            : $"Bearer realm=\"Human API sandbox\", error=\"{error}\"";
        logger.DataRefused(StatusCodes.Status401Unauthorized, reason);
        return problem;
    }

    /// <summary>The token of the one <c>Authorization: Bearer</c> header; <see langword="null"/> for none, several, or another scheme.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } value
            || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value["Bearer ".Length..].Trim();
        return token.Length == 0 ? null : token;
    }
}
