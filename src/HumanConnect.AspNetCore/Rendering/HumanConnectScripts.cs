using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Writes the script tags a page needs (Human API's Connect script and <c>human-connect.js</c>) exactly once per
/// response, whichever tag helper asks first. External scripts only: a strict CSP needs no <c>unsafe-inline</c>.
/// A signed-out visitor gets <c>human-connect.js</c> alone.
/// </summary>
internal sealed partial class HumanConnectScripts(IOptionsMonitor<HumanConnectOptions> options, IHumanConnectUserResolver users)
{
    /// <summary>Where the Razor class library serves <c>human-connect.js</c>.</summary>
    public const string ScriptPath = "/_content/HumanConnect.AspNetCore/human-connect.js";

    /// <summary>The attribute of <c>human-connect.js</c>'s script tag naming whose Connect session this browser may keep.</summary>
    public const string OwnerAttribute = "data-human-connect-owner";

    private static readonly object EmittedKey = new();

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

    private static bool FirstOfResponse(HttpContext httpContext) => httpContext.Items.TryAdd(EmittedKey, true);

    /// <summary>Both script tags; <paramref name="owner"/> is the signed-in user's owner value, <see langword="null"/> when nobody is signed in.</summary>
    private HtmlContentBuilder Render(HttpContext httpContext, string? nonce, string? owner)
    {
        if (options.CurrentValue.ConnectVersion == HumanConnectVersion.V2)
        {
            return RenderV2(httpContext, nonce, signedIn: owner is not null);
        }

        nonce = string.IsNullOrEmpty(nonce) ? options.CurrentValue.NonceProvider?.Invoke(httpContext) : nonce;
        var versions = httpContext.RequestServices.GetService<IFileVersionProvider>();
        var request = httpContext.Request;
        var html = new HtmlContentBuilder(2);

        // Nobody signed in means no button can work: Human API's third-party script is not loaded for them.
        if (owner is not null)
        {
            html.AppendHtml(Script(ConnectScriptUrl(request, versions), nonce));
        }

        // An empty owner means nobody is signed in: human-connect.js then drops any Connect session left in the browser.
        var script = Script(LibraryScriptUrl(request, versions), nonce);
        script.MergeAttribute(OwnerAttribute, owner ?? string.Empty);
        html.AppendHtml(script);
        return html;
    }

    /// <summary>
    /// An app-relative Connect script (the sandbox's) gets the PathBase and a version. Human API's own script is
    /// left as configured: its host decides how it is cached, and a query it does not expect could break it.
    /// </summary>
    private string ConnectScriptUrl(HttpRequest request, IFileVersionProvider? versions)
    {
        var url = options.CurrentValue.ConnectScriptUrl;
        return AppRelativeUrl.Is(url) ? Versioned(request, versions, HumanConnectUrls.ForBrowser(request, url)) : url;
    }

    private static string LibraryScriptUrl(HttpRequest request, IFileVersionProvider? versions) =>
        Versioned(request, versions, request.PathBase.ToUriComponent() + ScriptPath);

    /// <summary>
    /// A content hash from the framework's file version provider when the file is in the web root; otherwise (an
    /// endpoint such as the sandbox's script, or raw build output in Production) the library's release version,
    /// which still changes whenever the script can.
    /// </summary>
    private static string Versioned(HttpRequest request, IFileVersionProvider? versions, string path)
    {
        var versioned = versions?.AddFileVersionToPath(request.PathBase, path);
        if (versioned is not null && !string.Equals(versioned, path, StringComparison.Ordinal))
        {
            return versioned;
        }

        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{path}{separator}v={Uri.EscapeDataString(ReleaseVersion.Value)}";
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
