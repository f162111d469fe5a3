using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The hosted v2 Connect page's markup, at <c>{prefix}/hapi-connect?token=…&amp;mode=…</c> (the client's base URL): an
/// accessible dialog shell that <c>hapi-connect.js</c> fills in. No inline script or style, so it runs under a strict
/// CSP, like the legacy hosted page.
/// </summary>
internal static class SandboxConnectV2Page
{
    public static Task ServeAsync(HttpContext httpContext)
    {
        // The page is the base URL itself, so the request's own path (under any PathBase or group) is the base of
        // every URL it needs.
        var basePath = (httpContext.Request.PathBase + httpContext.Request.Path).Value!.TrimEnd('/');
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        // The URL carries the session or id token: no Referer may repeat it to anyone.
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors *";
        return response.WriteAsync(Render(basePath), httpContext.RequestAborted);
    }

    private static string Render(string basePath)
    {
        var root = HtmlEncoder.Default.Encode(basePath);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>Human Connect (sandbox, v2)</title>
            <link rel="stylesheet" href="{{root}}/assets/connect-ui.css">
            <script src="{{root}}/assets/hapi-connect.js" defer></script>
            </head>
            <body>
            <div class="hc-backdrop">
            <section class="hc-dialog" role="dialog" aria-modal="true" aria-labelledby="hc-title" aria-describedby="hc-status" data-api="{{root}}/api">
            <header class="hc-header">
            <h1 id="hc-title">Connect your health data</h1>
            <span class="hc-badge">Sandbox</span>
            </header>
            <p id="hc-status" class="hc-status" role="status" aria-live="polite">Loading&hellip;</p>
            <ul id="hc-sources" class="hc-sources" aria-label="Data sources" hidden></ul>
            <div id="hc-error" class="hc-error" role="alert" hidden></div>
            <footer class="hc-footer">
            <button type="button" id="hc-close" class="hc-primary">Close</button>
            </footer>
            </section>
            </div>
            <noscript><p>Human Connect needs JavaScript.</p></noscript>
            </body>
            </html>
            """;
    }
}
