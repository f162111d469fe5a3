using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Faults;

/// <summary>Plays the next pending fault of an endpoint on a request, if there is one.</summary>
internal sealed class SandboxFaultPlayer(SandboxFaults faults, IHostApplicationLifetime lifetime, ILogger<SandboxFaultPlayer> logger)
{
    // Cut short on purpose: valid JSON up to the point where it stops.
    private const string TruncatedJson = "{\"humanId\":\"";

    /// <summary>
    /// Plays the fault. Returns <see langword="true"/> when it answered or aborted the request, so the endpoint must
    /// do nothing more; <see langword="false"/> when there was none or it only delayed.
    /// </summary>
    public async Task<bool> PlayAsync(HttpContext httpContext, SandboxEndpoint endpoint)
    {
        var fault = faults.Take(endpoint);
        if (fault is null)
        {
            return false;
        }

        logger.FaultPlayed(endpoint, fault.Kind);
        var response = httpContext.Response;
        switch (fault.Kind)
        {
            case SandboxFaultKind.ServerError or SandboxFaultKind.TooManyRequests:
                response.StatusCode = fault.StatusCode;
                response.ContentType = "text/plain; charset=utf-8";
                if (fault.RetryAfter is { } retryAfter)
                {
                    // Delta-seconds (RFC 9110), rounded up so a client never retries before the time given.
                    response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await response.WriteAsync(
                    fault.Kind == SandboxFaultKind.TooManyRequests ? "Sandbox: injected rate limit." : "Sandbox: injected server error.",
                    httpContext.RequestAborted);
                return true;

            case SandboxFaultKind.MalformedBody:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json; charset=utf-8";
                await response.WriteAsync(TruncatedJson, httpContext.RequestAborted);
                return true;

            case SandboxFaultKind.Latency:
                return !await WaitAsync(httpContext, fault.Delay);

            default:
                await WaitAsync(httpContext, Timeout.InfiniteTimeSpan);
                return true;
        }
    }

    /// <summary>
    /// Waits wall-clock time (latency simulates the network, not the sandbox's clock), ending early when the caller
    /// gives up or the host stops, so no request outlives its caller. Returns <see langword="false"/> when cut short.
    /// </summary>
    private async Task<bool> WaitAsync(HttpContext httpContext, TimeSpan delay)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(httpContext.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(delay, stop.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            httpContext.Abort();
            return false;
        }
    }
}
