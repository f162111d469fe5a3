using System.Text.Encodings.Web;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// The hosted Connect page's markup: an accessible dialog shell that <c>connect-ui.js</c> fills in. No inline
/// script, no style attribute: visibility uses the <c>hidden</c> attribute, so the page runs under a strict CSP.
/// </summary>
internal sealed class SandboxPage(HtmlEncoder encoder)
{
    public string Render(string basePath)
    {
        var root = encoder.Encode(basePath);
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
