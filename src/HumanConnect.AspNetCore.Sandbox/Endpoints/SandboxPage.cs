using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The hosted Connect page's markup: an accessible dialog shell that <c>connect-ui.js</c> fills in. No inline
/// script, no style attribute: visibility uses the <c>hidden</c> attribute, so the page runs under a strict CSP.
/// </summary>
internal static class SandboxPage
{
    /// <summary>The page itself, at the root of the sandbox, where Human API's script expects it.</summary>
    public static Task ServeAsync(HttpContext httpContext)
    {
        // The page sits at the sandbox's root, so the request's own path (under any PathBase or group) is the base of
        // every URL the page needs.
        var basePath = (httpContext.Request.PathBase + httpContext.Request.Path).Value!.TrimEnd('/');
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        // The URL carries the publicToken: no Referer may repeat it to anyone.
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Strict on purpose: proves the page needs no inline script or style. It must stay framable by any host page.
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
            <title>Human Connect (sandbox)</title>
            <link rel="stylesheet" href="{{root}}/assets/connect-ui.css">
            <script src="{{root}}/assets/connect-ui.js" defer></script>
            </head>
            <body>
            <div class="hc-backdrop">
            <section class="hc-dialog" role="dialog" aria-modal="true" aria-labelledby="hc-title" aria-describedby="hc-status" data-api="{{root}}/v1/ui">
            <header class="hc-header">
            <h1 id="hc-title">Connect your health data</h1>
            <span class="hc-badge">Sandbox</span>
            </header>
            <p id="hc-status" class="hc-status" role="status" aria-live="polite">Loading&hellip;</p>
            <ul id="hc-sources" class="hc-sources" aria-label="Data sources" hidden></ul>
            <div id="hc-error" class="hc-error" role="alert" hidden></div>
            <footer class="hc-footer">
            <button type="button" id="hc-done" class="hc-primary" hidden>Done</button>
            <button type="button" id="hc-close">Close</button>
            </footer>
            </section>
            </div>
            <noscript><p>Human Connect needs JavaScript.</p></noscript>
            </body>
            </html>
            """;
    }
}
