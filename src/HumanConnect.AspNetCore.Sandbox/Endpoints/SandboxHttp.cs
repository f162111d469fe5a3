using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>Reads the sandbox's JSON requests and writes its JSON answers.</summary>
internal static class SandboxHttp
{
    /// <summary>The largest body any sandbox endpoint reads: 16 KiB.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    /// <summary>
    /// Reads the JSON body and answers what <paramref name="answer"/> makes of it, or the error the body earned (see
    /// <see cref="ReadAsync{T}"/>): in the legacy shape, or as <paramref name="refuse"/> writes it for an API with
    /// another error shape. Answers nothing to a client that went away.
    /// </summary>
    public static async Task AnswerAsync<T>(HttpContext httpContext, JsonTypeInfo<T> type, Func<T, IResult> answer, Func<SandboxError, IResult>? refuse = null)
        where T : class
    {
        if (await ReadAsync(httpContext, type) is not { } read)
        {
            return;
        }

        try
        {
            await (read.Value is { } request ? answer(request) : (refuse ?? Error)(read.Error!)).ExecuteAsync(httpContext);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left while the answer was being written: there is no one to tell.
        }
    }

    /// <summary>
    /// Reads a JSON body. Anything wrong with it becomes a 4xx legacy error to answer, never an exception: a content
    /// type other than JSON in UTF-8, JSON that is invalid, too deep, of the wrong shape or with a repeated field, a
    /// body over <see cref="MaxRequestBodyBytes"/>, broken HTTP framing, or a body too slow to arrive.
    /// <see langword="null"/> when the client disconnected mid-body: there is no one to answer.
    /// </summary>
    private static async Task<SandboxResult<T>?> ReadAsync<T>(HttpContext httpContext, JsonTypeInfo<T> type)
        where T : class
    {
        var request = httpContext.Request;
        if (!request.HasJsonContentType() || !IsUtf8OrUnstated(request.ContentType))
        {
            return SandboxErrors.UnsupportedMediaType();
        }

        if (request.ContentLength > MaxRequestBodyBytes)
        {
            return SandboxErrors.BodyTooLarge(MaxRequestBodyBytes);
        }

        try
        {
            // Straight from the stream, as UTF-8: the charset is checked above, so nothing needs transcoding.
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, httpContext.RequestAborted);
            return value is null ? SandboxErrors.MalformedRequest("The body must be a JSON object.") : value;
        }
        catch (Exception ex) when (IsClientGone(ex, httpContext))
        {
            return null;
        }
        catch (JsonException)
        {
            return SandboxErrors.MalformedRequest(
                "The body is not valid JSON of the expected shape: UTF-8, an object naming each field once, each of the type the endpoint reads.");
        }
        catch (BadHttpRequestException ex)
        {
            return ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => SandboxErrors.BodyTooLarge(MaxRequestBodyBytes),
                StatusCodes.Status408RequestTimeout => SandboxErrors.BodyTimedOut(),
                var status => SandboxErrors.UnreadableBody(status is >= 400 and < 500 ? status : StatusCodes.Status400BadRequest),
            };
        }
        catch (IOException)
        {
            // Kestrel's own framing errors that do not come as BadHttpRequestException (an overflowing chunk size).
            return SandboxErrors.UnreadableBody(StatusCodes.Status400BadRequest);
        }
    }

    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, type, statusCode: status);

    public static IResult Error(SandboxError error) =>
        TypedResults.Json(error.Body, SandboxJsonContext.Default.LegacyError, statusCode: error.Status);

    /// <summary>Token answers must never be cached by anything between the sandbox and its caller.</summary>
    public static void NoStore(HttpContext httpContext)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        httpContext.Response.Headers.Pragma = "no-cache";
    }

    /// <summary>No charset means UTF-8 for JSON (RFC 8259); any other charset is refused rather than transcoded.</summary>
    private static bool IsUtf8OrUnstated(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.Charset.Length == 0 || HeaderUtilities.RemoveQuotes(mediaType.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The connection is gone: reset by the client, or aborted. Not every <see cref="IOException"/> means that: Kestrel
    /// also throws a plain one for a chunk size that overflows, and that client is still there to be told.
    /// </summary>
    private static bool IsClientGone(Exception exception, HttpContext httpContext) =>
        httpContext.RequestAborted.IsCancellationRequested || exception is ConnectionResetException or ConnectionAbortedException;
}
