using HumanConnect.AspNetCore.Rendering;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HumanConnect.AspNetCore;

/// <summary>
/// <c>&lt;human-connect-disconnect&gt;Disconnect&lt;/human-connect-disconnect&gt;</c>: a control that disconnects the
/// signed-in user (<c>POST {prefix}/connect/disconnect</c>: deleted at Human API with the App Key, then the stored
/// tokens removed), with no inline script. It renders a <c>&lt;button type="button"&gt;</c> whose options travel as JSON
/// in a <c>data-human-connect-disconnect</c> attribute, and <c>human-connect-disconnect.js</c> once per page.
/// </summary>
/// <remarks>
/// <para>
/// It renders only for a signed-in user with a stored connection; otherwise nothing. Without child content it says
/// "Disconnect health data". Attributes it does not bind (<c>class</c>, <c>id</c>, <c>aria-*</c>) are passed through.
/// </para>
/// <para>
/// On click the script posts with the page's antiforgery token, then raises <c>humanconnect:disconnect</c> on the
/// control (detail <c>{humanApiUserDeleted, detail}</c>; call <c>preventDefault()</c> to stay on the page) and
/// reloads the page (or goes to <see cref="RedirectUrl"/>), where the Connect button then opens in create mode. A
/// failure raises <c>humanconnect:error</c> and is shown next to the control in a <c>role="alert"</c> element; the
/// stored connection is then kept.
/// </para>
/// </remarks>
[HtmlTargetElement(TagName, TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class HumanConnectDisconnectTagHelper : TagHelper
{
    private const string TagName = "human-connect-disconnect";
    private const string ConfirmAttributeName = "confirm";
    private const string RedirectUrlAttributeName = "redirect-url";
    private const string NonceAttributeName = "nonce";

    /// <summary>A question the browser asks first (<c>window.confirm</c>), such as "Stop sharing your health data?"; none when empty.</summary>
    [HtmlAttributeName(ConfirmAttributeName)]
    public string? Confirm { get; set; }

    /// <summary>
    /// Where the browser goes after a disconnect instead of reloading: an app-relative path (the request's PathBase
    /// is added) or an absolute http(s) URL; any other value is ignored and the page reloads.
    /// </summary>
    [HtmlAttributeName(RedirectUrlAttributeName)]
    public string? RedirectUrl { get; set; }

    /// <summary>The Content-Security-Policy nonce for the script tag; when empty, <see cref="HumanConnectOptions.NonceProvider"/> is asked.</summary>
    [HtmlAttributeName(NonceAttributeName)]
    public string? Nonce { get; set; }

    /// <summary>The view being rendered; set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var httpContext = ViewContext.HttpContext;
        return HumanConnectRenderingServices.Get<HumanConnectDisconnectRenderer>(httpContext, TagName).RenderAsync(this, output, httpContext);
    }
}
