using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Reads a request body whole, at most <see cref="HumanConnectRequestLimits.MaxBodyBytes"/>, declared length or
/// not, and turns every way the read can fail into a problem answer: broken framing (a bad chunk size, an
/// overflowing one) and a stalled or too slow client are the client's fault, never a 500. The body is never logged.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body, or the problem to answer instead; the caller disposes the body.</summary>
    public static async Task<(PooledBytes? Body, ProblemHttpResult? Problem)> ReadAsync(HttpContext httpContext, ILogger logger)
    {
        var aborted = httpContext.RequestAborted;
        try
        {
            var body = await PooledBytes.ReadAsync(httpContext.Request.Body, HumanConnectRequestLimits.MaxBodyBytes, aborted);
            return body is null ? (null, Refused(logger, HumanConnectProblems.BodyTooLarge(), "TooLarge")) : (body, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own limit (the endpoints' RequestSizeLimit) tripped first.
            return (null, Refused(logger, HumanConnectProblems.BodyTooLarge(), "TooLarge"));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return (null, Refused(logger, HumanConnectProblems.RequestTimeout(), "TooSlow"));
        }
        catch (BadHttpRequestException)
        {
            return (null, Refused(logger, HumanConnectProblems.MalformedBody("The body's framing is broken (for example an invalid chunk)."), "BrokenFraming"));
        }
        catch (IOException)
        {
            // Kestrel reports an overflowing chunk size this way, and a connection reset may arrive before
            // RequestAborted fires: either way the body cannot be read.
            return (null, Refused(logger, HumanConnectProblems.MalformedBody("The body could not be read: its framing is broken, or the client stopped sending it."), "Unreadable"));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away mid-body: nobody will read the answer, but the request still ends cleanly.
            return (null, Refused(logger, HumanConnectProblems.MalformedBody("The client stopped sending the body."), "ClientDisconnected"));
        }
    }

    /// <summary>Reads and discards a body the endpoint does not use, so that its size is bounded all the same.</summary>
    public static async Task<ProblemHttpResult?> DiscardAsync(HttpContext httpContext, ILogger logger)
    {
        var (body, problem) = await ReadAsync(httpContext, logger);
        body?.Dispose();
        return problem;
    }

    private static ProblemHttpResult Refused(ILogger logger, ProblemHttpResult problem, string reason)
    {
        HumanConnectLog.RequestBodyRefused(logger, problem.StatusCode, reason);
        return problem;
    }
}
