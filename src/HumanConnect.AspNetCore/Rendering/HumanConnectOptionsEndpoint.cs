using HumanConnect.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// <c>GET {prefix}/connect/options</c>: the Connect options the button would render, as JSON, for front ends that are
/// not Razor (a single-page app, a Blazor WebAssembly client). It only reads: the store (at most once), and, as a page
/// render does, it heals a lost publicToken. The antiforgery token it hands out is bound to the caller's cookie, which
/// a cross-site page can neither read from this answer nor replay without.
/// </summary>
internal static class HumanConnectOptionsEndpoint
{
    public const string Pattern = "/connect/options";

    public static async Task<Results<JsonHttpResult<HumanConnectClientConfig>, ProblemHttpResult>> GetAsync(
        HttpContext httpContext, ConnectOptionsBuilder connectOptions)
    {
        // Every answer is this user's, and the 200 carries an antiforgery token and the publicToken: nothing may keep it.
        httpContext.Response.Headers.CacheControl = "no-store";
        var options = await connectOptions.ForRequestAsync(httpContext);
        if (options is null)
        {
            return HumanConnectProblems.NotAuthenticated();
        }

        // The library's own source-generated contract: a host's JSON options must not change the schema.
        return TypedResults.Json(options, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig);
    }

    /// <summary>Any other method on the options route: a 405 problem naming GET.</summary>
    public static ProblemHttpResult MethodNotAllowed(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.Headers.Allow = HttpMethods.Get;
        return HumanConnectProblems.MethodNotAllowed("The Human Connect options endpoint accepts GET only.");
    }
}
