using HumanConnect.AspNetCore.Sandbox.Data;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The JSON calls of the hosted v2 Connect page (<c>POST {prefix}/hapi-connect/api/session</c> and <c>.../source</c>),
/// each authorised by the session or id token in its body (never in a URL the sandbox builds). A refused token is
/// answered with the <c>status</c> the page closes with: <c>MISSING_SESSION_TOKEN</c> (400), <c>SESSION_TOKEN_INVALID</c>
/// or <c>SESSION_TOKEN_EXPIRED</c> (401), in the <c>error</c> field of Human API's newer error shape.
/// </summary>
internal sealed class SandboxConnectV2Ui(SandboxState state, ILogger<SandboxConnectV2Ui> logger)
{
    public Task SessionAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        return SandboxHttp.AnswerAsync(
            httpContext, SandboxJsonContext.Default.ConnectPageRequest, request => Answer(state.OpenConnectPage(request.Token)), ReadError);
    }

    public Task SourceAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        return SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.ConnectPageSourceRequest, request =>
        {
            if (string.IsNullOrEmpty(request.Source) || request.Connected is not { } connected)
            {
                return Error(StatusCodes.Status400BadRequest, "INVALID_REQUEST", "Send token, source (a demo source's name) and connected (true or false).");
            }

            var result = state.SetConnectSource(request.Token, request.Source, connected);
            if (result.Value is { } page)
            {
                logger.ConnectPageSourceChanged(connected ? "connected" : "disconnected", page.HumanId);
            }

            return Answer(result);
        }, ReadError);
    }

    /// <summary>The page's view of a state: each demo source with its id, and what Human API's messages carry.</summary>
    internal static ConnectPageView ToWire(ConnectPageState page)
    {
        var connectedNow = page.Sources.Where(page.Connected.Contains);
        return new ConnectPageView(
            page.Kind == ConnectLaunchKind.Id ? "id" : "session",
            [.. page.Sources.Select(name => new ConnectPageSource(DemoSource.Named(name).Id, name, page.Connected.Contains(name)))],
            new ConnectSessionResults(
                Refs(connectedNow.Where(name => !page.AtStart.Contains(name))),
                Refs(page.Sources.Where(name => page.AtStart.Contains(name) && !page.Connected.Contains(name))),
                []),
            Refs(connectedNow));
    }

    private static ConnectSourceRef[] Refs(IEnumerable<string> names) => [.. names.Select(name => new ConnectSourceRef(name, DemoSource.Named(name).Id))];

    private IResult Answer(ConnectPageResult result) => result.Value is { } page
        ? SandboxHttp.Json(ToWire(page), SandboxJsonContext.Default.ConnectPageView)
        : result.Refusal switch
        {
            ConnectPageRefusal.MissingToken => Error(StatusCodes.Status400BadRequest, "MISSING_SESSION_TOKEN", "Connect was opened without a token."),
            ConnectPageRefusal.ExpiredToken => Error(StatusCodes.Status401Unauthorized, "SESSION_TOKEN_EXPIRED",
                "This Connect token has expired: the app mints a new one for the next Connect."),
            ConnectPageRefusal.UnknownSource => Error(StatusCodes.Status400BadRequest, "UNKNOWN_SOURCE", "The source is not one of the sandbox's demo sources."),
            _ => Error(StatusCodes.Status401Unauthorized, "SESSION_TOKEN_INVALID",
                "This Connect token is unknown, or its user was deleted: the app mints a new one for the next Connect."),
        };

    private IResult ReadError(SandboxError error) => Error(error.Status, error.Body.Code, error.Body.DetailedMessage);

    private IResult Error(int status, string code, string message)
    {
        logger.ConnectPageRefused(status, code);
        return SandboxHttp.Json(new ConnectError(status, code, message, Guid.NewGuid().ToString("D")), SandboxJsonContext.Default.ConnectError, status);
    }
}
