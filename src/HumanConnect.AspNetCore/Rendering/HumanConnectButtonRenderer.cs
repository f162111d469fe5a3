using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Renders <c>&lt;human-connect-button&gt;</c>. Every dynamic value goes into attributes through
/// <see cref="TagHelperOutput"/> (HTML-encoded on write) or into the JSON of <c>data-human-connect</c>
/// (System.Text.Json's HTML-safe encoder first): no markup or script is ever built from strings.
/// </summary>
/// <remarks>
/// Scoped, one per request. What is the same for every button of a page (the mode, the endpoint URLs, the antiforgery
/// token) is made once by <see cref="ConnectOptionsBuilder"/>, which also makes the options of the JSON endpoint and
/// the Blazor component, so all three carry the same schema.
/// </remarks>
internal sealed class HumanConnectButtonRenderer(
    ConnectOptionsBuilder connectOptions, HumanConnectScripts scripts, IOptionsMonitor<HumanConnectOptions> optionsMonitor)
{
    public const string ConfigAttribute = "data-human-connect";
    public const string StateAttribute = "data-human-connect-state";
    public const string SignedOutAttribute = "data-human-connect-signed-out";
    public const string ButtonImageAlt = "Connect Health Data";
    public const string UnavailableMessage = ConnectOptionsBuilder.UnavailableMessage;

    public async Task RenderAsync(HumanConnectButtonTagHelper button, TagHelperOutput output, HttpContext httpContext)
    {
        if (optionsMonitor.CurrentValue.ConnectVersion == HumanConnectVersion.V2)
        {
            await HumanConnectRenderingServices.Get<ConnectV2ButtonRenderer>(httpContext, "human-connect-button").RenderAsync(button, output, httpContext);
            return;
        }

        var forRequest = await connectOptions.ForRequestAsync(httpContext);
        if (forRequest is null)
        {
            RenderSignedOut(button, output);
            return;
        }

        output.TagName = "button";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("type", "button");

        if (forRequest.State == ConnectOptionsStates.Unavailable)
        {
            output.Attributes.SetAttribute(StateAttribute, ConnectOptionsStates.Unavailable);
            output.Attributes.SetAttribute(new TagHelperAttribute("disabled"));
            output.Attributes.SetAttribute("aria-disabled", "true");
            output.Content.SetContent(UnavailableMessage);
            return;
        }

        var settings = new ConnectButtonSettings(button.Language, button.Mode, button.Modal, button.RedirectUrl, button.Options);
        var config = connectOptions.ForButton(forRequest, settings, httpContext.Request.PathBase);
        output.Attributes.SetAttribute(ConfigAttribute, JsonSerializer.Serialize(config, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig));
        output.Attributes.SetAttribute(StateAttribute, config.State);

        if (config.State == ConnectOptionsStates.Reconnect && !string.IsNullOrEmpty(button.ReconnectText))
        {
            output.Content.SetContent(button.ReconnectText);
        }
        else
        {
            var childContent = await output.GetChildContentAsync();
            output.Content.SetHtmlContent(childContent.IsEmptyOrWhiteSpace ? ButtonImage(config.ButtonImageUrl!) : childContent);
        }

        var scriptTags = scripts.RenderOnce(httpContext, button.Nonce, config.Owner!);
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

    private static TagBuilder ButtonImage(string src)
    {
        var image = new TagBuilder("img") { TagRenderMode = TagRenderMode.SelfClosing };
        image.MergeAttribute("src", src);
        image.MergeAttribute("alt", ButtonImageAlt);
        return image;
    }
}
