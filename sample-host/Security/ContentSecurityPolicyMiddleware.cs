using System.Security.Cryptography;
using HumanConnect.AspNetCore;
using Microsoft.Extensions.Options;

namespace HumanConnect.SampleHost.Security;

/// <summary>
/// Sends a strict Content-Security-Policy with a fresh nonce per request: no inline script anywhere. The Connect
/// script (legacy <c>connect.js</c>, or Connect v2's client), its hosted page and the button image are allowed from
/// their own origins when they are not this app; the sync and finish calls go to this app only (<c>connect-src 'self'</c>).
/// </summary>
public sealed class ContentSecurityPolicyMiddleware
{
    private const string NonceItemKey = "sample:csp-nonce";
    private readonly RequestDelegate _next;
    private readonly string _connectSources;

    public ContentSecurityPolicyMiddleware(RequestDelegate next, IOptions<HumanConnectOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _next = next;
        var humanConnect = options.Value;
        // Connect v2: its client script, and its hosted page (the iframe, and the image the client lays behind it),
        // which is Human API's own host unless one is configured.
        var sources = humanConnect.ConnectVersion == HumanConnectVersion.V2
            ? new[] { humanConnect.ConnectClientScriptUrl, humanConnect.ConnectClientBaseUrl ?? HumanConnectDefaults.ConnectClientBaseUrl, humanConnect.ButtonImageUrl }
            : new[] { humanConnect.ConnectScriptUrl, humanConnect.ConnectBaseUrl, humanConnect.ButtonImageUrl };
        _connectSources = string.Join(' ', sources.Select(OriginOf).OfType<string>().Distinct(StringComparer.Ordinal));
    }

    /// <summary>The nonce of the current request, for <see cref="HumanConnectOptions.NonceProvider"/>.</summary>
    public static string? NonceOf(HttpContext httpContext) => httpContext?.Items[NonceItemKey] as string;

    public Task InvokeAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        httpContext.Items[NonceItemKey] = nonce;
        httpContext.Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}' {_connectSources}; style-src 'self'; " +
            $"img-src 'self' data: {_connectSources}; frame-src 'self' {_connectSources}; connect-src 'self'; " +
            "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        httpContext.Response.Headers["Referrer-Policy"] = "same-origin";
        return _next(httpContext);
    }

    private static string? OriginOf(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null;
}
