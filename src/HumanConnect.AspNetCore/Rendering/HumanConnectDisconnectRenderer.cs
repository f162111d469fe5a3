using System.Text.Json;
using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Renders <c>&lt;human-connect-disconnect&gt;</c>: a <c>&lt;button type="button"&gt;</c> carrying its options as JSON in
/// <c>data-human-connect-disconnect</c>, only for a signed-in user with a stored connection, and the script tag once.
/// Like the Connect button, every value is written through <see cref="TagHelperOutput"/> or System.Text.Json's
/// HTML-safe encoder; there is no inline script.
/// </summary>
/// <remarks>Scoped: it shares the request's <see cref="HumanConnectPageState"/> with the Connect button, so the store is read once.</remarks>
internal sealed class HumanConnectDisconnectRenderer(
    HumanConnectPageState pageState,
    HumanConnectEndpointLinks links,
    HumanConnectScripts scripts,
    IAntiforgery antiforgery,
    ILogger<HumanConnectDisconnectRenderer> logger)
{
    public const string ConfigAttribute = "data-human-connect-disconnect";
    public const string DefaultText = "Disconnect health data";

    public async Task RenderAsync(HumanConnectDisconnectTagHelper control, TagHelperOutput output, HttpContext httpContext)
    {
        var state = await pageState.GetAsync(httpContext);
        if (!state.Connected)
        {
            // Nobody signed in, nothing stored, or the store is down: there is nothing this control could remove.
            output.SuppressOutput();
            return;
        }

        var tokens = antiforgery.GetAndStoreTokens(httpContext);
        var config = new HumanConnectDisconnectConfig(
            links.Disconnect(httpContext), new HumanConnectClientAntiforgery(tokens.RequestToken!, tokens.HeaderName, tokens.FormFieldName))
        {
            Confirm = string.IsNullOrWhiteSpace(control.Confirm) ? null : control.Confirm,
            RedirectUrl = RedirectUrl(httpContext.Request, control.RedirectUrl),
        };

        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "button");
        output.Attributes.SetAttribute(ConfigAttribute, JsonSerializer.Serialize(config, HumanConnectRenderingJsonContext.Default.HumanConnectDisconnectConfig));
        var childContent = await output.GetChildContentAsync();
        if (childContent.IsEmptyOrWhiteSpace)
        {
            output.Content.SetContent(DefaultText);
        }
        else
        {
            output.Content.SetHtmlContent(childContent);
        }

        if (scripts.RenderDisconnectOnce(httpContext, control.Nonce) is { } script)
        {
            output.PostElement.AppendHtml(script);
        }
    }

    private string? RedirectUrl(HttpRequest request, string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            return null;
        }

        var safe = HumanConnectUrls.SafeRedirect(request, configured);
        if (safe is null)
        {
            HumanConnectLog.ButtonUnsafeRedirectIgnored(logger);
        }

        return safe;
    }
}
