using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>Reads the sandbox's JSON requests and writes its JSON answers.</summary>
internal static class SandboxHttp
{
    /// <summary>The largest body any sandbox endpoint reads: 16 KiB.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    /// <summary>Reads a JSON body; a wrong content type, bad JSON or an oversized body becomes the error to answer.</summary>
    public static async Task<SandboxResult<T>> ReadAsync<T>(HttpContext httpContext, JsonTypeInfo<T> type)
        where T : class
    {
        var request = httpContext.Request;
        if (!request.HasJsonContentType())
        {
            return SandboxErrors.UnsupportedMediaType();
        }

        if (request.ContentLength > MaxRequestBodyBytes)
        {
            return SandboxErrors.MalformedRequest("The body is too large.");
        }

        try
        {
            var value = await request.ReadFromJsonAsync(type, httpContext.RequestAborted);
            return value is null ? SandboxErrors.MalformedRequest("The body must be a JSON object.") : value;
        }
        catch (JsonException)
        {
            return SandboxErrors.MalformedRequest("The body is not valid JSON of the expected shape.");
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return SandboxErrors.MalformedRequest("The body is too large.");
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
}
