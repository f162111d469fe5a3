using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>The JSON endpoints the hosted Connect page's script calls.</summary>
internal sealed class SandboxConnectUi(SandboxState state)
{
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
