using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The Connect options in Connect v2, under the same schema: <c>connectVersion</c> <c>"v2"</c>, the launch token the
/// v2 button would carry in <c>data-hapi-token</c>, the v2 client's script, the hosted page and the sync URL. The
/// legacy members (client id, clientUserId, publicToken, finish URL) are absent: the browser never needs them.
/// </summary>
internal sealed partial class ConnectOptionsBuilder
{
    /// <summary>The modes <c>humanapi-connect-client</c> knows; the legacy flow's UI modes mean nothing to it.</summary>
    public static bool IsConnectV2Mode(string? mode) => mode is "auth" or "select";

    private async Task<HumanConnectClientConfig?> BuildConnectV2Async(HttpContext httpContext)
    {
        var state = await v2PageState.GetAsync(httpContext);
        if (!state.SignedIn)
        {
            return null;
        }

        if (state.Launch.Token is not { } token)
        {
            // Logged by the flow (the mint) or the page state (the store): the answer only says "not now".
            return new HumanConnectClientConfig
            {
                State = ConnectOptionsStates.Unavailable,
                Message = UnavailableMessage,
                ConnectVersion = ConnectV2,
            };
        }

        var options = optionsMonitor.CurrentValue;
        var request = httpContext.Request;
        var tokens = antiforgery.GetAndStoreTokens(httpContext);
        return new HumanConnectClientConfig
        {
            State = state.Launch.Returning ? ConnectOptionsStates.Edit : ConnectOptionsStates.Create,
            ConnectVersion = ConnectV2,
            Token = token.Value,
            SyncUrl = v2Links.Sync(httpContext),
            OptionsUrl = links.Options(httpContext),
            Antiforgery = new HumanConnectClientAntiforgery(tokens.RequestToken!, tokens.HeaderName, tokens.FormFieldName),
            ConnectScriptUrl = scripts.ConnectClientScriptUrlFor(httpContext),
            ButtonImageUrl = HumanConnectUrls.ForBrowser(request, options.ButtonImageUrl),
            Mode = IsConnectV2Mode(options.Mode) ? options.Mode : null,
            // The client builds the iframe's URL with new URL(base): it needs an origin.
            BaseUrl = string.IsNullOrEmpty(options.ConnectClientBaseUrl) ? null : HumanConnectUrls.Absolute(request, options.ConnectClientBaseUrl),
            RedirectUrl = NullIfEmpty(options.FinishRedirectUrl) is { } redirect ? SafeRedirect(request.PathBase, redirect) : null,
            Options = ConnectV2ClientOptions(options.ExtraOptions, null),
        };
    }

    private HumanConnectClientConfig ForConnectV2Button(HumanConnectClientConfig request, ConnectButtonSettings button, PathString pathBase) =>
        request with
        {
            Mode = IsConnectV2Mode(NullIfEmpty(button.Mode)) ? button.Mode : request.Mode,
            RedirectUrl = NullIfEmpty(button.RedirectUrl) is { } redirect ? SafeRedirect(pathBase, redirect) : request.RedirectUrl,
            Options = ConnectV2ClientOptions(request.Options, button.Options),
        };

    /// <summary>
    /// The extras as the v2 client's own options (the tag helper's <c>data-hapi-*</c> attributes): names of lowercase
    /// letters, digits and dashes, never the token or the base URL, which are the library's.
    /// </summary>
    private static Dictionary<string, string>? ConnectV2ClientOptions(
        IEnumerable<KeyValuePair<string, string>>? defaults, IEnumerable<KeyValuePair<string, string>>? fromButton)
    {
        var merged = Merge(defaults?.ToDictionary(StringComparer.Ordinal), fromButton);
        merged?.Keys.Where(name => !ConnectV2ButtonRenderer.IsClientOptionName(name)).ToList().ForEach(name => merged.Remove(name));
        return merged is { Count: > 0 } ? merged : null;
    }

    private const string ConnectV2 = "v2";
}
