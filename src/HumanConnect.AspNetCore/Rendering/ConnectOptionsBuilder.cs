using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The one place the Connect options (<see cref="HumanConnectClientConfig"/>) are made, for the tag helper, the
/// JSON options endpoint and the Blazor component alike: first what is the same for the whole request (the mode
/// chosen from the store, a lost publicToken healed, the endpoint URLs, the antiforgery token, the host's defaults),
/// then what one button overrides.
/// </summary>
/// <remarks>Scoped, one per request: the store is read, and the antiforgery token made, once however many buttons ask.</remarks>
internal sealed partial class ConnectOptionsBuilder(
    HumanConnectPageState pageState,
    ConnectV2PageState v2PageState,
    HumanConnectEndpointLinks links,
    ConnectV2EndpointLinks v2Links,
    HumanConnectScripts scripts,
    IAntiforgery antiforgery,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    ILogger<ConnectOptionsBuilder> logger)
{
    /// <summary>What a disabled button says, and what the options say, when the user cannot connect right now.</summary>
    public const string UnavailableMessage = "Health data connection is unavailable right now";

    private Task<HumanConnectClientConfig?>? _request;

    /// <summary>
    /// The options for the request's user, with the host's defaults: <see langword="null"/> when nobody is signed in.
    /// The first call reads the store (and heals a lost publicToken); later calls of the request share its answer.
    /// </summary>
    public Task<HumanConnectClientConfig?> ForRequestAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return _request ??= BuildAsync(httpContext);
    }

    /// <summary>
    /// <paramref name="request"/>'s options with one button's own settings laid over the host's defaults.
    /// </summary>
    /// <param name="request">What <see cref="ForRequestAsync"/> answered (or a copy of it, in a Blazor circuit).</param>
    /// <param name="button">The button's settings; empty ones keep the defaults.</param>
    /// <param name="pathBase">The app's PathBase, for an app-relative redirect URL.</param>
    public HumanConnectClientConfig ForButton(HumanConnectClientConfig request, ConnectButtonSettings button, PathString pathBase)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(button);
        if (request.State == ConnectOptionsStates.Unavailable)
        {
            return request;
        }

        if (request.ConnectVersion is not null)
        {
            return ForConnectV2Button(request, button, pathBase);
        }

        return request with
        {
            Language = NullIfEmpty(button.Language) ?? request.Language,
            Mode = NullIfEmpty(button.Mode) ?? request.Mode,
            Modal = button.Modal is { } modal ? (modal ? 1 : null) : request.Modal,
            RedirectUrl = NullIfEmpty(button.RedirectUrl) is { } redirect ? SafeRedirect(pathBase, redirect) : request.RedirectUrl,
            Options = Merge(request.Options, button.Options),
        };
    }

    private async Task<HumanConnectClientConfig?> BuildAsync(HttpContext httpContext)
    {
        if (optionsMonitor.CurrentValue.ConnectVersion == HumanConnectVersion.V2)
        {
            return await BuildConnectV2Async(httpContext);
        }

        var state = await pageState.GetAsync(httpContext);
        switch (state.Kind)
        {
            case HumanConnectButtonKind.SignedOut:
                return null;
            case HumanConnectButtonKind.Unavailable:
                return new HumanConnectClientConfig { State = ConnectOptionsStates.Unavailable, Message = UnavailableMessage };
        }

        var options = optionsMonitor.CurrentValue;
        var request = httpContext.Request;
        var tokens = antiforgery.GetAndStoreTokens(httpContext);
        return new HumanConnectClientConfig
        {
            State = StateOf(state),
            ClientId = options.ClientId,
            ClientUserId = state.ClientUserId,
            PublicToken = state.PublicToken,
            Owner = state.Owner,
            FinishUrl = links.Finish(httpContext),
            OptionsUrl = links.Options(httpContext),
            Antiforgery = new HumanConnectClientAntiforgery(tokens.RequestToken!, tokens.HeaderName, tokens.FormFieldName),
            ConnectScriptUrl = scripts.ConnectScriptUrlFor(httpContext),
            ButtonImageUrl = HumanConnectUrls.ForBrowser(request, options.ButtonImageUrl),
            Language = NullIfEmpty(options.Language),
            Mode = NullIfEmpty(options.Mode),
            Modal = options.Modal == true ? 1 : null,
            BaseUrl = string.IsNullOrEmpty(options.ConnectBaseUrl) ? null : HumanConnectUrls.Absolute(request, options.ConnectBaseUrl),
            RedirectUrl = NullIfEmpty(options.FinishRedirectUrl) is { } redirect ? SafeRedirect(request.PathBase, redirect) : null,
            Options = options.ExtraOptions.Count == 0 ? null : new Dictionary<string, string>(options.ExtraOptions, StringComparer.Ordinal),
        };
    }

    private static string StateOf(HumanConnectButtonState state) =>
        state.Kind != HumanConnectButtonKind.Edit ? ConnectOptionsStates.Create
        : state.ReconnectRequired ? ConnectOptionsStates.Reconnect
        : ConnectOptionsStates.Edit;

    private string? SafeRedirect(PathString pathBase, string configured)
    {
        var safe = HumanConnectUrls.SafeRedirect(pathBase, configured);
        if (safe is null)
        {
            // Possibly user-supplied (a returnUrl): drop it rather than let the page navigate to script.
            HumanConnectLog.ButtonUnsafeRedirectIgnored(logger);
        }

        return safe;
    }

    /// <summary>The defaults' extras, overridden key by key by the button's own.</summary>
    private static Dictionary<string, string>? Merge(IReadOnlyDictionary<string, string>? defaults, IEnumerable<KeyValuePair<string, string>>? fromButton)
    {
        var merged = defaults is null ? null : new Dictionary<string, string>(defaults, StringComparer.Ordinal);
        foreach (var (key, value) in fromButton ?? [])
        {
            (merged ??= new Dictionary<string, string>(StringComparer.Ordinal))[key] = value;
        }

        return merged;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>One button's own Connect settings (tag helper attributes or component parameters); null or empty keeps the host's default.</summary>
/// <param name="Language">Connect's UI language.</param>
/// <param name="Mode">Connect's UI mode.</param>
/// <param name="Modal">Whether Connect opens as an in-page modal.</param>
/// <param name="RedirectUrl">Where the browser goes after a successful connect.</param>
/// <param name="Options">Further Connect options, overriding the host's extras key by key.</param>
internal sealed record ConnectButtonSettings(
    string? Language = null,
    string? Mode = null,
    bool? Modal = null,
    string? RedirectUrl = null,
    IEnumerable<KeyValuePair<string, string>>? Options = null);
