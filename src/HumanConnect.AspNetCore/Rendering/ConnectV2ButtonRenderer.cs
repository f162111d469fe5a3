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
/// Renders <c>&lt;human-connect-button&gt;</c> in Connect v2: the markup <c>humanapi-connect-client</c> binds to at page
/// load, <c>&lt;div class="hapi__token-container"&gt;&lt;button data-hapi-token="…"&gt;</c>, with
/// <c>data-hapi-base-url</c> when one is configured, and what <c>human-connect-v2.js</c> needs to sync afterwards in
/// <c>data-human-connect-v2</c>. Every dynamic value is an attribute written through <see cref="TagHelperOutput"/>
/// (HTML-encoded) or HTML-safe JSON; the wrapper is fixed markup.
/// </summary>
/// <remarks>Scoped, one per request, like the legacy renderer.</remarks>
internal sealed class ConnectV2ButtonRenderer(
    ConnectV2PageState pageState,
    ConnectV2EndpointLinks links,
    HumanConnectScripts scripts,
    IAntiforgery antiforgery,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    ILogger<ConnectV2ButtonRenderer> logger)
{
    public const string ContainerClass = "hapi__token-container";
    public const string TokenAttribute = "data-hapi-token";
    public const string BaseUrlAttribute = "data-hapi-base-url";
    public const string ConfigAttribute = "data-human-connect-v2";

    /// <summary>The client's own data attributes, which an <c>option-*</c> attribute may not replace.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "token", "base-url" };

    private string? _config;

    public async Task RenderAsync(HumanConnectButtonTagHelper button, TagHelperOutput output, HttpContext httpContext)
    {
        var state = await pageState.GetAsync(httpContext);
        if (!state.SignedIn)
        {
            HumanConnectButtonRenderer.RenderSignedOut(button, output);
            return;
        }

        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "button");
        if (state.Launch.Token is not { } token)
        {
            // No container and no script: the client has nothing to bind, and the page nothing to open.
            output.Attributes.SetAttribute(HumanConnectButtonRenderer.StateAttribute, "unavailable");
            output.Attributes.SetAttribute(new TagHelperAttribute("disabled"));
            output.Attributes.SetAttribute("aria-disabled", "true");
            output.Content.SetContent(HumanConnectButtonRenderer.UnavailableMessage);
            return;
        }

        var options = optionsMonitor.CurrentValue;
        var request = httpContext.Request;
        output.Attributes.SetAttribute(TokenAttribute, token.Value);
        if (!string.IsNullOrEmpty(options.ConnectClientBaseUrl))
        {
            // The client builds the iframe's URL with new URL(base): it needs an origin.
            output.Attributes.SetAttribute(BaseUrlAttribute, HumanConnectUrls.Absolute(request, options.ConnectClientBaseUrl));
        }

        // The client's modes are "auth" (its default) and "select"; the legacy flow's UI modes mean nothing to it.
        if ((NullIfEmpty(button.Mode) ?? NullIfEmpty(options.Mode)) is { } mode && ConnectOptionsBuilder.IsConnectV2Mode(mode))
        {
            output.Attributes.SetAttribute("data-hapi-mode", mode);
        }

        foreach (var (name, value) in ClientOptions(options.ExtraOptions, button.Options))
        {
            output.Attributes.SetAttribute("data-hapi-" + name, value);
        }

        output.Attributes.SetAttribute(ConfigAttribute, _config ??= Config(button, httpContext));
        output.Attributes.SetAttribute(HumanConnectButtonRenderer.StateAttribute, state.Launch.Returning ? "edit" : "create");

        var childContent = await output.GetChildContentAsync();
        output.Content.SetHtmlContent(childContent.IsEmptyOrWhiteSpace ? ButtonImage(request, options) : childContent);

        // The client binds to containers present when the page loads, so the container is part of the button's markup.
        output.PreElement.AppendHtml("<div class=\"" + ContainerClass + "\">");
        output.PostElement.AppendHtml("</div>");
        if (scripts.RenderV2Once(httpContext, button.Nonce) is { } scriptTags)
        {
            output.PostElement.AppendHtml(scriptTags);
        }
    }

    private string Config(HumanConnectButtonTagHelper button, HttpContext httpContext)
    {
        var tokens = antiforgery.GetAndStoreTokens(httpContext);
        var configured = NullIfEmpty(button.RedirectUrl) ?? NullIfEmpty(optionsMonitor.CurrentValue.FinishRedirectUrl);
        var redirect = configured is null ? null : HumanConnectUrls.SafeRedirect(httpContext.Request, configured);
        if (configured is not null && redirect is null)
        {
            HumanConnectLog.ButtonUnsafeRedirectIgnored(logger);
        }

        var config = new ConnectV2ClientConfig(links.Sync(httpContext), new HumanConnectClientAntiforgery(tokens.RequestToken!, tokens.HeaderName, tokens.FormFieldName))
        {
            RedirectUrl = redirect,
        };
        return JsonSerializer.Serialize(config, ConnectV2RenderingJsonContext.Default.ConnectV2ClientConfig);
    }

    /// <summary>
    /// The <c>option-*</c> attributes (over <see cref="HumanConnectOptions.ExtraOptions"/>) as the client's
    /// <c>data-hapi-*</c> ones (<c>option-pinned-providers</c> becomes <c>data-hapi-pinned-providers</c>): names of
    /// lowercase letters, digits and dashes only, never the token or the base URL.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, string>> ClientOptions(IDictionary<string, string> defaults, IDictionary<string, string> fromButton)
    {
        var merged = new Dictionary<string, string>(defaults, StringComparer.Ordinal);
        foreach (var (key, value) in fromButton)
        {
            merged[key] = value;
        }

        return merged.Where(option => IsClientOptionName(option.Key));
    }

    /// <summary>Whether an extra option may be handed to the v2 client: an attribute-safe name that is not the library's own.</summary>
    public static bool IsClientOptionName(string name) => IsAttributeName(name) && !Reserved.Contains(name);

    private static bool IsAttributeName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static TagBuilder ButtonImage(HttpRequest request, HumanConnectOptions options)
    {
        var image = new TagBuilder("img") { TagRenderMode = TagRenderMode.SelfClosing };
        image.MergeAttribute("src", HumanConnectUrls.ForBrowser(request, options.ButtonImageUrl));
        image.MergeAttribute("alt", HumanConnectButtonRenderer.ButtonImageAlt);
        return image;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
