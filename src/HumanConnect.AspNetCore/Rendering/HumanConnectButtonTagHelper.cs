using HumanConnect.AspNetCore.Rendering;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HumanConnect.AspNetCore;

/// <summary>
/// <c>&lt;human-connect-button /&gt;</c>: the "Connect Health Data" button. It renders a
/// <c>&lt;button type="button"&gt;</c> that opens Human API's Connect in create mode for a user who never
/// connected, and in edit mode for one who did (fetching a fresh publicToken first when only the humanId is
/// stored). Its <c>data-human-connect-state</c> is <c>create</c>, <c>edit</c>, <c>reconnect</c> (edit mode for a
/// user whose access token Human API refused: see <see cref="ReconnectText"/>) or <c>unavailable</c>. Its options travel as JSON in a <c>data-human-connect</c> attribute; <c>human-connect.js</c> does
/// the rest, so the page needs no inline script.
/// </summary>
/// <remarks>
/// <para>
/// Without child content the button shows Human API's button image (alt text "Connect Health Data",
/// <see cref="HumanConnectOptions.ButtonImageUrl"/>); child content replaces the image. Attributes the tag
/// helper does not bind (<c>class</c>, <c>id</c>, <c>aria-*</c>, ...) are passed through.
/// </para>
/// <para>
/// Nobody signed in: nothing is rendered, or, when <see cref="SignedOutText"/> is set, a
/// <c>&lt;span data-human-connect-signed-out&gt;</c> with that text and the passed-through attributes.
/// When the store or Human API fails, the button is rendered <c>disabled</c> with the text
/// "Health data connection is unavailable right now" and a warning is logged.
/// </para>
/// <para>
/// The first enabled button of a response also writes the two script tags (Connect's script and
/// <c>human-connect.js</c>) after itself, unless <see cref="HumanConnectScriptsTagHelper"/> already did.
/// The token store is read once per request, however many buttons the page has.
/// </para>
/// <para>
/// With <see cref="HumanConnectOptions.ConnectVersion"/> set to <see cref="HumanConnectVersion.V2"/>, the same tag renders
/// Connect v2's markup instead: the button, carrying the <c>session</c> or <c>id</c> token minted (and cached) on the
/// server for the signed-in user in <c>data-hapi-token</c>, inside a <c>&lt;div class="hapi__token-container"&gt;</c>,
/// followed by <c>humanapi-connect-client</c> and <c>human-connect-v2.js</c>. <c>option-*</c> attributes become the
/// client's <c>data-hapi-*</c> ones; <see cref="Language"/> and <see cref="Modal"/> are not used there.
/// </para>
/// </remarks>
[HtmlTargetElement(TagName, TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class HumanConnectButtonTagHelper : TagHelper
{
    private const string TagName = "human-connect-button";
    private const string LanguageAttributeName = "language";
    private const string ModeAttributeName = "mode";
    private const string ModalAttributeName = "modal";
    private const string RedirectUrlAttributeName = "redirect-url";
    private const string NonceAttributeName = "nonce";
    private const string SignedOutTextAttributeName = "signed-out-text";
    private const string ReconnectTextAttributeName = "reconnect-text";
    private const string OptionAttributePrefix = "option-";

    /// <summary>Connect's UI language (for example <c>en</c>, <c>es</c>); overrides <see cref="HumanConnectOptions.Language"/>.</summary>
    [HtmlAttributeName(LanguageAttributeName)]
    public string? Language { get; set; }

    /// <summary>Connect's UI mode (for example <c>wellness</c>); overrides <see cref="HumanConnectOptions.Mode"/>.</summary>
    [HtmlAttributeName(ModeAttributeName)]
    public string? Mode { get; set; }

    /// <summary>Whether Connect opens as an in-page modal; overrides <see cref="HumanConnectOptions.Modal"/>.</summary>
    [HtmlAttributeName(ModalAttributeName)]
    public bool? Modal { get; set; }

    /// <summary>
    /// Where the browser goes after a successful connect instead of reloading; overrides
    /// <see cref="HumanConnectOptions.FinishRedirectUrl"/>. An app-relative path (<c>/done</c>, the request's
    /// PathBase is added) or an absolute http(s) URL; any other value is ignored and the page reloads.
    /// </summary>
    [HtmlAttributeName(RedirectUrlAttributeName)]
    public string? RedirectUrl { get; set; }

    /// <summary>
    /// The Content-Security-Policy nonce of this response, for the script tags this button may write.
    /// When empty, <see cref="HumanConnectOptions.NonceProvider"/> is asked.
    /// </summary>
    [HtmlAttributeName(NonceAttributeName)]
    public string? Nonce { get; set; }

    /// <summary>Text shown instead of the button when nobody is signed in, such as a sign-in hint. Nothing is shown when empty.</summary>
    [HtmlAttributeName(SignedOutTextAttributeName)]
    public string? SignedOutText { get; set; }

    /// <summary>
    /// Text shown instead of the button's content when the user must connect again: Human API refused the stored
    /// access token (the data client answered <see cref="HumanDataFailure.ReconnectRequired"/>), or it was lost. The
    /// button then opens Connect in edit mode and carries <c>data-human-connect-state="reconnect"</c> either way, for
    /// the page's CSS; the next connect stores a new token. The content is left as it is when empty.
    /// </summary>
    [HtmlAttributeName(ReconnectTextAttributeName)]
    public string? ReconnectText { get; set; }

    /// <summary>
    /// Further Connect options, as <c>option-name="value"</c> attributes, passed to <c>HumanConnect.open</c> untouched.
    /// They override <see cref="HumanConnectOptions.ExtraOptions"/>; they cannot replace the options the library sets
    /// itself (<c>clientId</c>, <c>clientUserId</c>, <c>publicToken</c>, the callbacks, ...).
    /// </summary>
    [HtmlAttributeName(DictionaryAttributePrefix = OptionAttributePrefix)]
    public IDictionary<string, string> Options { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The view being rendered; set by Razor.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var httpContext = ViewContext.HttpContext;
        return HumanConnectRenderingServices.Get<HumanConnectButtonRenderer>(httpContext, TagName).RenderAsync(this, output, httpContext);
    }
}
