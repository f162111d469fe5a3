using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>The JSON endpoints the hosted Connect page's script calls.</summary>
internal sealed class SandboxConnectUi(SandboxState state)
{
    public Task OpenAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        return SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.UiOpenRequest, request => ViewOrError(state.Open(request)));
    }

    public Task SourceAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        return SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.UiSourceRequest, request => ViewOrError(request switch
        {
            { SessionToken: null or "" } => SandboxErrors.MissingParameter("sessionToken"),
            { Source: null or "" } => SandboxErrors.MissingParameter("source"),
            { Connected: null } => SandboxErrors.MissingParameter("connected"),
            _ => state.SetSource(request.SessionToken, request.Source, request.Connected.Value),
        }));
    }

    public Task DoneAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        return SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.UiDoneRequest, request =>
        {
            var result = string.IsNullOrEmpty(request.SessionToken) ? SandboxErrors.MissingParameter("sessionToken") : state.Done(request.SessionToken);
            return result.Value is { } done ? SandboxHttp.Json(done, SandboxJsonContext.Default.UiDoneAnswer) : SandboxHttp.Error(result.Error!);
        });
    }

    private static IResult ViewOrError(SandboxResult<UiSessionView> result) =>
        result.Value is { } view ? SandboxHttp.Json(view, SandboxJsonContext.Default.UiSessionView) : SandboxHttp.Error(result.Error!);
}
