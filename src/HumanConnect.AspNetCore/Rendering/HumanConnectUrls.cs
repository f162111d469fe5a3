using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Turns the URLs of <see cref="HumanConnectOptions"/> into what the browser needs. An app-relative URL
/// (<c>/path</c>) names a place in this app, so it gets the request's PathBase; absolute URLs pass unchanged.
/// </summary>
internal static class HumanConnectUrls
{
    /// <summary>Prefixes an app-relative URL with the PathBase; leaves an absolute one as it is.</summary>
    public static string ForBrowser(HttpRequest request, string url) =>
        AppRelativeUrl.Is(url) ? request.PathBase.ToUriComponent() + url : url;

    /// <summary>Makes an app-relative URL absolute (scheme, host and PathBase of the request).</summary>
    /// <remarks>Human API's script builds its iframe address by string concatenation, so it needs an origin.</remarks>
    public static string Absolute(HttpRequest request, string url) =>
        AppRelativeUrl.Is(url) ? $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{url}" : url;

    /// <summary>
    /// Resolves where to send the browser after a finish. Only app-relative paths and absolute http(s) URLs are
    /// accepted; anything else (<c>javascript:</c>, <c>//host</c>, <c>data:</c>) yields <see langword="null"/>.
    /// </summary>
    public static string? SafeRedirect(HttpRequest request, string url) => SafeRedirect(request.PathBase, url);

    /// <inheritdoc cref="SafeRedirect(HttpRequest, string)"/>
    /// <remarks>For a Blazor circuit, which knows the app's PathBase but has no request.</remarks>
    public static string? SafeRedirect(PathString pathBase, string url)
    {
        if (AppRelativeUrl.Is(url))
        {
            return pathBase.ToUriComponent() + url;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var absolute)
            && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
            ? absolute.AbsoluteUri
            : null;
    }
}
