using HumanConnect.AspNetCore.Rendering;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HumanConnect.AspNetCore;

/// <summary>
/// <c>&lt;human-connect-scripts /&gt;</c>: writes Human API's Connect script and <c>human-connect.js</c> (with a
/// versioned URL and the CSP nonce), unless a <see cref="HumanConnectButtonTagHelper"/> of the same response
/// already did. Put it in a layout so that pages without a button still load <c>human-connect.js</c>, which then drops a
/// Connect session left behind by another user and wires up <c>data-human-connect-signout</c> elements.
/// For a signed-out visitor only <c>human-connect.js</c> is written: no third-party script loads for them. In Connect v2
/// (<see cref="HumanConnectOptions.ConnectVersion"/>) the tags are <c>humanapi-connect-client</c> and
/// <c>human-connect-v2.js</c> (the latter alone for a signed-out visitor).
/// </summary>
/// <remarks>
/// Razor renders a page before its layout, so on a page with a button the button writes the scripts and this
/// tag writes nothing: each script appears once per page either way.
/// </remarks>
[HtmlTargetElement(TagName, TagStructure = TagStructure.WithoutEndTag)]
public sealed class HumanConnectScriptsTagHelper : TagHelper
{
    private const string TagName = "human-connect-scripts";
    private const string NonceAttributeName = "nonce";

    /// <summary>
    /// The Content-Security-Policy nonce of this response. When empty, <see cref="HumanConnectOptions.NonceProvider"/> is asked.
    /// </summary>
    [HtmlAttributeName(NonceAttributeName)]
    public string? Nonce { get; set; }

    /// <summary>The view being rendered; set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        var httpContext = ViewContext.HttpContext;
        var scripts = HumanConnectRenderingServices.Get<HumanConnectScripts>(httpContext, TagName).RenderOnce(httpContext, Nonce);
        if (scripts is null)
        {
            output.SuppressOutput();
            return;
        }

        output.Content.SetHtmlContent(scripts);
    }
}
