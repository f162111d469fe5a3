using Microsoft.AspNetCore.Http.Features;
using System.Text.Json;
using HumanConnect.AspNetCore.Serialization;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Reads the sessionTokenObject from a JSON body or a form body (Human API's own snippet posts it with jQuery's
/// <c>$.post</c>, which sends a form). Reading is bounded; only <c>humanId</c>, <c>clientId</c> and
/// <c>sessionToken</c> are kept.
/// </summary>
internal sealed class SessionTokenBindingFilter : IEndpointFilter
{
    private const int MaxBytes = HumanConnectDefaults.MaxRequestBodyBytes;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        var request = httpContext.Request;
        if (request.ContentLength > MaxBytes)
        {
            return HumanConnectProblems.BodyTooLarge();
        }

        SessionTokenObject? sessionToken;
        try
        {
            if (request.HasJsonContentType())
            {
                sessionToken = await ReadJsonAsync(request, httpContext.RequestAborted);
            }
            else if (request.HasFormContentType && !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                sessionToken = await ReadFormAsync(request, httpContext.RequestAborted);
            }
            else
            {
                return HumanConnectProblems.UnsupportedMediaType();
            }
        }
        catch (BodyTooLargeException)
        {
            return HumanConnectProblems.BodyTooLarge();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return HumanConnectProblems.BodyTooLarge();
        }
        catch (InvalidDataException)
        {
            return HumanConnectProblems.BodyTooLarge();
        }
        catch (JsonException)
        {
            return HumanConnectProblems.MalformedBody("The body is not a JSON object with string fields humanId, clientId and sessionToken.");
        }

        if (sessionToken is null)
        {
            return HumanConnectProblems.MalformedBody("The body is empty; post the sessionTokenObject Connect passed to finish.");
        }

        httpContext.Features.GetRequiredFeature<HumanConnectRequestFeature>().SessionToken = sessionToken;
        return await next(context);
    }

    private static async Task<SessionTokenObject?> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBytes + 1];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxBytes)
            {
                throw new BodyTooLargeException();
            }
        }

        return length == 0 ? null : JsonSerializer.Deserialize(buffer.AsSpan(0, length), HumanConnectJsonContext.Default.SessionTokenObject);
    }

    private static async Task<SessionTokenObject?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // The form may already have been read (and cached) by the antiforgery check; limits come from the endpoint's FormOptionsMetadata.
        var form = await request.ReadFormAsync(cancellationToken);
        return form.Count == 0
            ? null
            : new SessionTokenObject(Single(form, "humanId"), Single(form, "clientId"), Single(form, "sessionToken"));
    }

    /// <summary>A repeated field is ambiguous, so it counts as missing rather than picking one of the values.</summary>
    private static string? Single(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

    private sealed class BodyTooLargeException : Exception;
}
