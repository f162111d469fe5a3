using System.Buffers;
using System.Text;
using System.Text.Json;
using HumanConnect.AspNetCore.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Reads the sessionTokenObject from a JSON body or a form body (Human API's own snippet posts it with jQuery's
/// <c>$.post</c>, which sends a form). Reading is bounded; only <c>humanId</c>, <c>clientId</c> and
/// <c>sessionToken</c> are kept.
/// </summary>
internal sealed class SessionTokenBindingFilter : IEndpointFilter
{
    /// <summary>A sessionTokenObject has three fields; a form with the antiforgery field and a few extras stays far below.</summary>
    public const int FormValueCountLimit = 32;

    /// <summary>Field names are short; a longer one is not a sessionTokenObject.</summary>
    public const int FormKeyLengthLimit = 128;

    private const int MaxBytes = HumanConnectDefaults.MaxRequestBodyBytes;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // A declared length over the limit was already refused by BodySizeFilter, which runs first on the group.
        var httpContext = context.HttpContext;
        var request = httpContext.Request;
        SessionTokenObject? sessionToken;
        try
        {
            if (request.HasJsonContentType())
            {
                sessionToken = await ReadJsonAsync(request, httpContext.RequestAborted);
            }
            else if (request.HasFormContentType && !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
            {
                sessionToken = await ReadFormAsync(httpContext, httpContext.RequestAborted);
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
            // The body was within the size limit (it was read whole first), so this is another form limit: too many
            // fields or too long a field name. Malformed, not too large.
            return HumanConnectProblems.MalformedBody(
                $"The form has more than {FormValueCountLimit} fields or a field name longer than {FormKeyLengthLimit} characters; post the sessionTokenObject's fields only.");
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
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
        try
        {
            var length = await ReadBoundedAsync(request, buffer, cancellationToken);
            return length == 0 ? null : JsonSerializer.Deserialize(buffer.AsSpan(0, length), HumanConnectJsonContext.Default.SessionTokenObject);
        }
        finally
        {
            // The buffer held a session token: the next renter must not see it.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>
    /// Reads the whole body into <paramref name="buffer"/> (at least <see cref="MaxBytes"/> + 1 long), or throws
    /// <see cref="BodyTooLargeException"/> as soon as it passes <see cref="MaxBytes"/>, declared length or not.
    /// </summary>
    private static async Task<int> ReadBoundedAsync(HttpRequest request, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, MaxBytes + 1 - length), cancellationToken)) > 0)
        {
            length += read;
            if (length > MaxBytes)
            {
                throw new BodyTooLargeException();
            }
        }

        return length;
    }

    private static async Task<SessionTokenObject?> ReadFormAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        // When the host's antiforgery takes its token from a form field, the antiforgery check has already read
        // and cached the form (under the endpoint's form options); the body cannot be read twice.
        IFormCollection form;
        if (httpContext.Features.Get<IFormFeature>()?.Form is { } cached)
        {
            form = cached;
        }
        else
        {
            // Read whole, then parse: a body over the size limit (declared or chunked, on any server) is told apart
            // from one that breaks a form limit. Browsers and jQuery encode forms as UTF-8.
            var buffer = ArrayPool<byte>.Shared.Rent(MaxBytes + 1);
            try
            {
                var length = await ReadBoundedAsync(httpContext.Request, buffer, cancellationToken);
                using var reader = new FormReader(new MemoryStream(buffer, 0, length, writable: false), Encoding.UTF8)
                {
                    ValueCountLimit = FormValueCountLimit,
                    KeyLengthLimit = FormKeyLengthLimit,
                    ValueLengthLimit = MaxBytes,
                };
                form = new FormCollection(await reader.ReadFormAsync(cancellationToken));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }

        return form.Count == 0
            ? null
            : new SessionTokenObject(Single(form, "humanId"), Single(form, "clientId"), Single(form, "sessionToken"));
    }

    /// <summary>A repeated field is ambiguous, so it counts as missing rather than picking one of the values.</summary>
    private static string? Single(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;

    private sealed class BodyTooLargeException : Exception;
}
