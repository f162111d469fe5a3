using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Connect v2's script tags: Human API's <c>humanapi-connect-client</c> (<see cref="HumanConnectOptions.ConnectClientScriptUrl"/>)
/// and <c>human-connect-v2.js</c>, in that order and deferred, so the client's global exists when the library's
/// script subscribes to its events, and both run before the page's <c>load</c>, when the client binds its buttons.
/// </summary>
internal sealed partial class HumanConnectScripts
{
    /// <summary>Connect v2's browser script, a file of the library's <c>wwwroot</c>.</summary>
    public const string V2ScriptFileName = "human-connect-v2.js";

    /// <summary>The script tags for a v2 button's page, or <see langword="null"/> when this response already has them.</summary>
    public IHtmlContent? RenderV2Once(HttpContext httpContext, string? nonce) =>
        FirstOfResponse(httpContext) ? RenderV2(httpContext, nonce, signedIn: true) : null;

    /// <summary>Human API's v2 client script as a page of this request loads it, for the Connect options.</summary>
    public string ConnectClientScriptUrlFor(HttpContext httpContext) => ConnectClientScriptUrl(httpContext.Request);

    private string ConnectClientScriptUrl(HttpRequest request)
    {
        var client = options.CurrentValue.ConnectClientScriptUrl;
        return Internal.AppRelativeUrl.Is(client) ? HumanConnectAssetUrls.Versioned(request, HumanConnectUrls.ForBrowser(request, client)) : client;
    }

    /// <summary>Both tags for a signed-in user; <c>human-connect-v2.js</c> alone otherwise (no third-party script loads for them).</summary>
    private HtmlContentBuilder RenderV2(HttpContext httpContext, string? nonce, bool signedIn)
    {
        nonce = string.IsNullOrEmpty(nonce) ? options.CurrentValue.NonceProvider?.Invoke(httpContext) : nonce;
        var request = httpContext.Request;
        var html = new HtmlContentBuilder(2);
        if (signedIn)
        {
            html.AppendHtml(Script(ConnectClientScriptUrl(request), nonce));
        }

        html.AppendHtml(Script(assets.LibraryFile(request, V2ScriptFileName), nonce));
        return html;
    }
}
