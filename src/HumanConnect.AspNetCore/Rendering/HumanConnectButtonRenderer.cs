using System.Text.Json;
using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Renders <c>&lt;human-connect-button&gt;</c>. Every dynamic value goes into attributes through
/// <see cref="TagHelperOutput"/> (HTML-encoded on write) or into the JSON of <c>data-human-connect</c>
/// (System.Text.Json's HTML-safe encoder first): no markup or script is ever built from strings.
/// </summary>
/// <remarks>
/// Scoped, one per request: what is the same for every button of a page (the finish URL, the antiforgery token) is
/// made by the first and reused by the others.
/// </remarks>
internal sealed class HumanConnectButtonRenderer(
    HumanConnectPageState pageState,
    HumanConnectEndpointLinks links,
    HumanConnectScripts scripts,
    IAntiforgery antiforgery,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    ILogger<HumanConnectButtonRenderer> logger)
{
    public const string ConfigAttribute = "data-human-connect";
    public const string StateAttribute = "data-human-connect-state";
    public const string SignedOutAttribute = "data-human-connect-signed-out";
    public const string ButtonImageAlt = "Connect Health Data";
    public const string UnavailableMessage = "Health data connection is unavailable right now";

    private string? _finishUrl;
    private HumanConnectClientAntiforgery? _antiforgery;

    public async Task RenderAsync(HumanConnectButtonTagHelper button, TagHelperOutput output, HttpContext httpContext)
    {
        if (optionsMonitor.CurrentValue.ConnectVersion == HumanConnectVersion.V2)
        {
            await HumanConnectRenderingServices.Get<ConnectV2ButtonRenderer>(httpContext, "human-connect-button").RenderAsync(button, output, httpContext);
            return;
        }

        var state = await pageState.GetAsync(httpContext);
        if (state.Kind == HumanConnectButtonKind.SignedOut)
        {
            RenderSignedOut(button, output);
            return;
        }

        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "button");

        if (state.Kind == HumanConnectButtonKind.Unavailable)
        {
            output.Attributes.SetAttribute(StateAttribute, "unavailable");
            output.Attributes.SetAttribute(new TagHelperAttribute("disabled"));
            output.Attributes.SetAttribute("aria-disabled", "true");
            output.Content.SetContent(UnavailableMessage);
            return;
        }

        var config = BuildConfig(button, state, httpContext);
        output.Attributes.SetAttribute(ConfigAttribute, JsonSerializer.Serialize(config, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig));
        output.Attributes.SetAttribute(StateAttribute, state.Kind == HumanConnectButtonKind.Edit ? "edit" : "create");

        var childContent = await output.GetChildContentAsync();
        output.Content.SetHtmlContent(childContent.IsEmptyOrWhiteSpace ? ButtonImage(httpContext.Request) : childContent);

        var scriptTags = scripts.RenderOnce(httpContext, button.Nonce, state.Owner!);
        if (scriptTags is not null)
        {
            output.PostElement.AppendHtml(scriptTags);
        }
    }

    internal static void RenderSignedOut(HumanConnectButtonTagHelper button, TagHelperOutput output)
    {
        if (string.IsNullOrEmpty(button.SignedOutText))
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute(new TagHelperAttribute(SignedOutAttribute));
        output.Content.SetContent(button.SignedOutText);
    }

    private HumanConnectClientConfig BuildConfig(HumanConnectButtonTagHelper button, HumanConnectButtonState state, HttpContext httpContext)
    {
        var options = optionsMonitor.CurrentValue;
        var request = httpContext.Request;

        return new HumanConnectClientConfig(
            options.ClientId,
            state.ClientUserId!,
            state.PublicToken,
            _finishUrl ??= links.Finish(httpContext),
            _antiforgery ??= Antiforgery(httpContext),
            state.Owner!)
        {
            Language = NullIfEmpty(button.Language) ?? NullIfEmpty(options.Language),
            Mode = NullIfEmpty(button.Mode) ?? NullIfEmpty(options.Mode),
            Modal = (button.Modal ?? options.Modal) == true ? 1 : null,
            BaseUrl = string.IsNullOrEmpty(options.ConnectBaseUrl) ? null : HumanConnectUrls.Absolute(request, options.ConnectBaseUrl),
            RedirectUrl = RedirectUrl(request, NullIfEmpty(button.RedirectUrl) ?? NullIfEmpty(options.FinishRedirectUrl)),
            Options = ExtraOptions(options.ExtraOptions, button.Options),
        };
    }

    private HumanConnectClientAntiforgery Antiforgery(HttpContext httpContext)
    {
        var tokens = antiforgery.GetAndStoreTokens(httpContext);
        return new HumanConnectClientAntiforgery(tokens.RequestToken!, tokens.HeaderName, tokens.FormFieldName);
    }

    private string? RedirectUrl(HttpRequest request, string? configured)
    {
        if (configured is null)
        {
            return null;
        }

        var safe = HumanConnectUrls.SafeRedirect(request, configured);
        if (safe is null)
        {
            // Possibly user-supplied (a returnUrl): drop it rather than let the page navigate to script.
            HumanConnectLog.ButtonUnsafeRedirectIgnored(logger);
        }

        return safe;
    }

    /// <summary>The options' extras, overridden key by key by the button's own <c>option-*</c> attributes.</summary>
    private static Dictionary<string, string>? ExtraOptions(IDictionary<string, string> defaults, IDictionary<string, string> fromButton)
    {
        if (defaults.Count == 0 && fromButton.Count == 0)
        {
            return null;
        }

        var merged = new Dictionary<string, string>(defaults, StringComparer.Ordinal);
        foreach (var (key, value) in fromButton)
        {
            merged[key] = value;
        }

        return merged;
    }

    private TagBuilder ButtonImage(HttpRequest request)
    {
        var image = new TagBuilder("img") { TagRenderMode = TagRenderMode.SelfClosing };
        image.MergeAttribute("src", HumanConnectUrls.ForBrowser(request, optionsMonitor.CurrentValue.ButtonImageUrl));
        image.MergeAttribute("alt", ButtonImageAlt);
        return image;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
