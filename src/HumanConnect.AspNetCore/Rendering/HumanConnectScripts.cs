using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Writes the script tags a page needs (Human API's Connect script and <c>human-connect.js</c>, in two files) exactly once per
/// response, whichever tag helper asks first. External scripts only: a strict CSP needs no <c>unsafe-inline</c>.
/// A signed-out visitor gets <c>human-connect.js</c> alone.
/// </summary>
internal sealed partial class HumanConnectScripts(
    IOptionsMonitor<HumanConnectOptions> options, IHumanConnectUserResolver users, HumanConnectAssetUrls assets)
{
    /// <summary>The library's browser script, a file of its <c>wwwroot</c>.</summary>
    public const string ScriptFileName = "human-connect.js";

    /// <summary>The finish half of <c>human-connect.js</c>, which loads first (each file stays small).</summary>
    public const string FinishScriptFileName = "human-connect-finish.js";

    /// <summary>The disconnect control's script, a file of the library's <c>wwwroot</c>.</summary>
    public const string DisconnectScriptFileName = "human-connect-disconnect.js";

    /// <summary>The module the interactive Blazor component imports (a circuit has no request to fingerprint it from).</summary>
    public const string ComponentModulePath = HumanConnectAssetUrls.LibraryBasePath + "human-connect-component.mjs";

    /// <summary>The attribute of <c>human-connect.js</c>'s script tag naming whose Connect session this browser may keep.</summary>
    public const string OwnerAttribute = "data-human-connect-owner";

    private static readonly object EmittedKey = new();
    private static readonly object DisconnectEmittedKey = new();

    /// <summary>The script tags, or <see langword="null"/> when this response already has them.</summary>
    /// <param name="httpContext">The current request.</param>
    /// <param name="nonce">The CSP nonce given on the tag, if any; otherwise <see cref="HumanConnectOptions.NonceProvider"/> decides.</param>
    public IHtmlContent? RenderOnce(HttpContext httpContext, string? nonce)
    {
        if (!FirstOfResponse(httpContext))
        {
            return null;
        }

        var localUserId = users.GetLocalUserId(httpContext);
        return Render(httpContext, nonce, localUserId is null ? null : HumanConnectOwner.For(users.GetClientUserId(localUserId)));
    }

    /// <summary>
    /// The script tags for a signed-in user whose <see cref="HumanConnectOwner"/> value the caller already holds (the
    /// button, from the page state), or <see langword="null"/> when this response already has them.
    /// </summary>
    public IHtmlContent? RenderOnce(HttpContext httpContext, string? nonce, string owner) =>
        FirstOfResponse(httpContext) ? Render(httpContext, nonce, owner) : null;

    /// <summary>
    /// The disconnect control's script tag (<c>human-connect-disconnect.js</c>, no third-party script), or
    /// <see langword="null"/> when this response already has it.
    /// </summary>
    public IHtmlContent? RenderDisconnectOnce(HttpContext httpContext, string? nonce)
    {
        if (!httpContext.Items.TryAdd(DisconnectEmittedKey, true))
        {
            return null;
        }

        nonce = string.IsNullOrEmpty(nonce) ? options.CurrentValue.NonceProvider?.Invoke(httpContext) : nonce;
        return Script(assets.LibraryFile(httpContext.Request, DisconnectScriptFileName), nonce);
    }

    /// <summary>Human API's Connect script as a page of this request loads it, for the Connect options.</summary>
    public string ConnectScriptUrlFor(HttpContext httpContext) => ConnectScriptUrl(httpContext.Request);

    private static bool FirstOfResponse(HttpContext httpContext) => httpContext.Items.TryAdd(EmittedKey, true);

    /// <summary>The script tags; <paramref name="owner"/> is the signed-in user's owner value, <see langword="null"/> when nobody is signed in.</summary>
    private HtmlContentBuilder Render(HttpContext httpContext, string? nonce, string? owner)
    {
        if (options.CurrentValue.ConnectVersion == HumanConnectVersion.V2)
        {
            return RenderV2(httpContext, nonce, signedIn: owner is not null);
        }

        nonce = string.IsNullOrEmpty(nonce) ? options.CurrentValue.NonceProvider?.Invoke(httpContext) : nonce;
        var request = httpContext.Request;
        var html = new HtmlContentBuilder(3);

        // Nobody signed in means no button can work: Human API's third-party script is not loaded for them.
        if (owner is not null)
        {
            html.AppendHtml(Script(ConnectScriptUrl(request), nonce));
        }

        html.AppendHtml(Script(assets.LibraryFile(request, FinishScriptFileName), nonce));

        // An empty owner means nobody is signed in: human-connect.js then drops any Connect session left in the browser.
        var script = Script(assets.LibraryFile(request, ScriptFileName), nonce);
        script.MergeAttribute(OwnerAttribute, owner ?? string.Empty);
        html.AppendHtml(script);
        return html;
    }

    /// <summary>
    /// An app-relative Connect script (the sandbox's) gets the PathBase and a version. Human API's own script is
    /// left as configured: its host decides how it is cached, and a query it does not expect could break it.
    /// </summary>
    private string ConnectScriptUrl(HttpRequest request)
    {
        var url = options.CurrentValue.ConnectScriptUrl;
        return AppRelativeUrl.Is(url) ? HumanConnectAssetUrls.Versioned(request, HumanConnectUrls.ForBrowser(request, url)) : url;
    }

    private static TagBuilder Script(string src, string? nonce)
    {
        var script = new TagBuilder("script");
        script.MergeAttribute("src", src);
        script.MergeAttribute("defer", string.Empty);
        if (!string.IsNullOrEmpty(nonce))
        {
            script.MergeAttribute("nonce", nonce);
        }

        return script;
    }
}
