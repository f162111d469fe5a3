using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>How a request body is encoded, as far as the endpoints accept it.</summary>
internal enum RequestContentKind
{
    /// <summary>Anything else, including a charset other than UTF-8: answered 415.</summary>
    Unsupported,

    /// <summary><c>application/json</c> (or <c>application/*+json</c>), UTF-8.</summary>
    Json,

    /// <summary><c>application/x-www-form-urlencoded</c>, UTF-8: what jQuery's <c>$.post</c> and browsers send.</summary>
    Form,
}

/// <summary>Classifies the request's Content-Type.</summary>
internal static class RequestContent
{
    public static RequestContentKind KindOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !IsUtf8(mediaType))
        {
            return RequestContentKind.Unsupported;
        }

        if (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
                && mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase)))
        {
            return RequestContentKind.Json;
        }

        return mediaType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            ? RequestContentKind.Form
            : RequestContentKind.Unsupported;
    }

    /// <summary>No charset means UTF-8 for both encodings; a declared other one would be decoded wrongly, so it is refused.</summary>
    private static bool IsUtf8(MediaTypeHeaderValue mediaType)
    {
        var charset = HeaderUtilities.RemoveQuotes(mediaType.Charset);
        return charset.Length == 0
            || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }
}
