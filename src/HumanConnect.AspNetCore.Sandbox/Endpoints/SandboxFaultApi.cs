using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The fault switch over HTTP, for scripts: <c>POST {prefix}/v1/sandbox/faults</c> with
/// <c>{"endpoint":"tokens|publictokens|data|apps|token|all","fault":"serverError|tooManyRequests|malformedBody|latency|hang",
/// "status":503,"retryAfterSeconds":30,"delayMs":200,"count":1}</c> answers 204; <c>DELETE</c> removes every pending fault.
/// </summary>
internal sealed class SandboxFaultApi(IHumanApiSandboxFaults faults)
{
    public Task InjectAsync(HttpContext httpContext) =>
        SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.FaultRequest, Inject);

    public Task ResetAsync(HttpContext httpContext)
    {
        faults.Reset();
        httpContext.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private IResult Inject(FaultRequest request)
    {
        var endpoints = request.Endpoint?.ToUpperInvariant() switch
        {
            "TOKENS" => SandboxEndpoint.Tokens,
            "PUBLICTOKENS" => SandboxEndpoint.PublicTokens,
            "DATA" => SandboxEndpoint.DataApi,
            "APPS" => SandboxEndpoint.ApplicationApi,
            "TOKEN" => SandboxEndpoint.ConnectToken,
            "ALL" => SandboxEndpoint.All,
            _ => (SandboxEndpoint?)null,
        };
        TimeSpan? retryAfter = request.RetryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null;
        var retryAfterValid = request.RetryAfterSeconds is null or (>= 0 and <= 86_400);
        var fault = request.Fault?.ToUpperInvariant() switch
        {
            "SERVERERROR" when (request.Status is null or (>= 500 and <= 599)) && retryAfterValid => SandboxFault.ServerError(request.Status ?? 500, retryAfter),
            "TOOMANYREQUESTS" when retryAfterValid => SandboxFault.TooManyRequests(retryAfter),
            "MALFORMEDBODY" => SandboxFault.MalformedBody,
            "LATENCY" when request.DelayMs is >= 0 and <= 300_000 => SandboxFault.Latency(TimeSpan.FromMilliseconds(request.DelayMs.Value)),
            "HANG" => SandboxFault.Hang,
            _ => null,
        };
        var count = request.Count ?? 1;
        if (endpoints is null || fault is null || count < 1)
        {
            return SandboxHttp.Error(SandboxErrors.MalformedRequest(
                "Send endpoint (tokens, publictokens, data, apps, token or all), fault (serverError with an optional status 500-599, " +
                "tooManyRequests, malformedBody, latency with delayMs 0-300000, or hang), for serverError and tooManyRequests an " +
                "optional retryAfterSeconds 0-86400, and an optional count of at least 1."));
        }

        faults.InjectFault(endpoints.Value, fault, count);
        return TypedResults.NoContent();
    }
}
