using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>The hosted Connect page and the JSON endpoints its script calls.</summary>
internal sealed class SandboxConnectUi(SandboxState state, SandboxPage page)
{
    /// <summary>The page itself, at the root of the sandbox, where Human API's script expects it.</summary>
    public Task PageAsync(HttpContext httpContext)
    {
        // The page sits at the sandbox's root, so the request's own path (under any PathBase or group) is the base of
        // every URL the page needs.
        var basePath = (httpContext.Request.PathBase + httpContext.Request.Path).Value!.TrimEnd('/');
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        // The URL carries the publicToken: no Referer may repeat it to anyone.
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Strict on purpose: proves the page needs no inline script or style. It must stay framable by any host page.
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors *";
        return response.WriteAsync(page.Render(basePath), httpContext.RequestAborted);
    }

    public async Task OpenAsync(HttpContext httpContext)
    {
        var read = await SandboxHttp.ReadAsync(httpContext, SandboxJsonContext.Default.UiOpenRequest);
        var result = read.Value is { } request ? state.Open(request) : new(null, read.Error);
        await ViewOrError(httpContext, result);
    }

    public async Task SourceAsync(HttpContext httpContext)
    {
        var read = await SandboxHttp.ReadAsync(httpContext, SandboxJsonContext.Default.UiSourceRequest);
        var result = read.Value switch
        {
            null => new(null, read.Error),
            { SessionToken: null or "" } => SandboxErrors.MissingParameter("sessionToken"),
            { Source: null or "" } => SandboxErrors.MissingParameter("source"),
            { Connected: null } => SandboxErrors.MissingParameter("connected"),
            var request => state.SetSource(request.SessionToken, request.Source, request.Connected.Value),
        };
        await ViewOrError(httpContext, result);
    }

    public async Task DoneAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        var read = await SandboxHttp.ReadAsync(httpContext, SandboxJsonContext.Default.UiDoneRequest);
        var result = read.Value switch
        {
            null => new(null, read.Error),
            { SessionToken: null or "" } => SandboxErrors.MissingParameter("sessionToken"),
            var request => state.Done(request.SessionToken),
        };
        var answer = result.Value is { } done ? SandboxHttp.Json(done, SandboxJsonContext.Default.UiDoneAnswer) : SandboxHttp.Error(result.Error!);
        await answer.ExecuteAsync(httpContext);
    }

    private static Task ViewOrError(HttpContext httpContext, SandboxResult<UiSessionView> result)
    {
        SandboxHttp.NoStore(httpContext);
        var answer = result.Value is { } view ? SandboxHttp.Json(view, SandboxJsonContext.Default.UiSessionView) : SandboxHttp.Error(result.Error!);
        return answer.ExecuteAsync(httpContext);
    }
}
