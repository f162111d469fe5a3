using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The markup both hosted Connect pages share (the legacy one and Connect v2's): an accessible dialog shell that the
/// page's own script fills in. No inline script, no style attribute (visibility uses the <c>hidden</c> attribute), so
/// each runs under a strict CSP, and stays framable by any host page.
/// </summary>
internal static class SandboxHostedPage
{
    public static Task ServeAsync(HttpContext httpContext, HostedPage page)
    {
        // The page sits at its base URL, so the request's own path (under any PathBase or group) is the base of every
        // URL the page needs.
        var basePath = (httpContext.Request.PathBase + httpContext.Request.Path).Value!.TrimEnd('/');
        var response = httpContext.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        // The URL carries a token (the publicToken, or v2's session or id token): no Referer may repeat it to anyone.
        response.Headers["Referrer-Policy"] = "no-referrer";
        // Strict on purpose: proves the page needs no inline script or style.
        response.Headers.ContentSecurityPolicy =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors *";
        return response.WriteAsync(Render(basePath, page), httpContext.RequestAborted);
    }

    private static string Render(string basePath, HostedPage page)
    {
        var root = HtmlEncoder.Default.Encode(basePath);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{{page.Title}}</title>
            <link rel="stylesheet" href="{{root}}/assets/connect-ui.css">
            <script src="{{root}}/assets/{{page.Script}}" defer></script>
            </head>
            <body>
            <div class="hc-backdrop">
            <section class="hc-dialog" role="dialog" aria-modal="true" aria-labelledby="hc-title" aria-describedby="hc-status" data-api="{{root}}{{page.ApiPath}}">
            <header class="hc-header">
            <h1 id="hc-title">Connect your health data</h1>
            <span class="hc-badge">Sandbox</span>
            </header>
            <p id="hc-status" class="hc-status" role="status" aria-live="polite">Loading&hellip;</p>
            <ul id="hc-sources" class="hc-sources" aria-label="Data sources" hidden></ul>
            <div id="hc-error" class="hc-error" role="alert" hidden></div>
            <footer class="hc-footer">
            {{page.Footer}}
            </footer>
            </section>
            </div>
            <noscript><p>Human Connect needs JavaScript.</p></noscript>
            </body>
            </html>
            """;
    }
}

/// <summary>What tells one hosted page from the other; fixed markup, never a request's value.</summary>
/// <param name="Title">The page's title.</param>
/// <param name="Script">Its script, under <c>assets/</c>.</param>
/// <param name="ApiPath">Where its script calls the sandbox, under the page's base.</param>
/// <param name="Footer">Its buttons.</param>
internal sealed record HostedPage(string Title, string Script, string ApiPath, string Footer);
