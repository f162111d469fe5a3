using System.Text.Json;
using HumanConnect.AspNetCore.Components;
using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.JSInterop;

namespace HumanConnect.AspNetCore;

/// <summary>
/// <c>&lt;HumanConnectButton /&gt;</c>: the Connect button as a Razor component, for Blazor. It opens Human API's
/// Connect in create mode for a user who never connected and in edit mode for one who did (healing a lost
/// publicToken first), exactly as <see cref="HumanConnectButtonTagHelper"/> does, with the same markup and the same
/// Connect options in <c>data-human-connect</c>.
/// </summary>
/// <remarks>
/// <para>
/// In static server rendering it renders that markup and nothing else: the page loads <c>human-connect-finish.js</c>
/// and <c>human-connect.js</c>, which open Connect on click, and the callbacks below are not raised (there is no
/// circuit to raise them in); the page reloads after a finish.
/// </para>
/// <para>
/// Interactive (Blazor Server), it imports <c>human-connect-component.mjs</c>, a same-origin ES module (no inline
/// script, so a CSP of <c>script-src 'self'</c> allows it), attaches the button and raises <see cref="OnConnected"/>,
/// <see cref="OnClosed"/> and <see cref="OnError"/>. The options come from the prerendered request, carried into the
/// circuit as persisted component state, or else from <c>GET {prefix}/connect/options</c>.
/// </para>
/// <para>
/// The store is read once per request, and once per circuit, however many buttons the page has.
/// </para>
/// </remarks>
public sealed partial class HumanConnectButton
{
    private HumanConnectClientConfig? _options;
    private string? _json;
    private bool _known;
    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _attached;
    private string? _attachedJson;
    private bool _attachedStay;
    private DotNetObjectReference<HumanConnectButtonCallbacks>? _callbacks;
    private bool _disposed;
    private bool _syncing;
    private bool _syncAgain;

    /// <summary>Connect's UI language (for example <c>en</c>, <c>es</c>); overrides <see cref="HumanConnectOptions.Language"/>.</summary>
    [Parameter]
    public string? Language { get; set; }

    /// <summary>Connect's UI mode (for example <c>wellness</c>); overrides <see cref="HumanConnectOptions.Mode"/>.</summary>
    [Parameter]
    public string? Mode { get; set; }

    /// <summary>Whether Connect opens as an in-page modal; overrides <see cref="HumanConnectOptions.Modal"/>.</summary>
    [Parameter]
    public bool? Modal { get; set; }

    /// <summary>
    /// Where the browser goes after a successful connect instead of reloading, when <see cref="OnConnected"/> is not
    /// set; overrides <see cref="HumanConnectOptions.FinishRedirectUrl"/>. App-relative or absolute http(s); any other
    /// value is ignored.
    /// </summary>
    [Parameter]
    public string? RedirectUrl { get; set; }

    /// <summary>
    /// Further Connect options passed to <c>HumanConnect.open</c> untouched; they override
    /// <see cref="HumanConnectOptions.ExtraOptions"/> key by key and cannot replace the library's own options.
    /// </summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? ExtraOptions { get; set; }

    /// <summary>Text shown instead of the button when nobody is signed in. Nothing is shown when empty.</summary>
    [Parameter]
    public string? SignedOutText { get; set; }

    /// <summary>
    /// Text shown instead of the button's content when the user must connect again (state <c>reconnect</c>): Human API
    /// refused the stored access token, or it was lost. The content is left as it is when empty.
    /// </summary>
    [Parameter]
    public string? ReconnectText { get; set; }

    /// <summary>The button's content; Human API's button image (alt text "Connect Health Data") when empty.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>Attributes for the button element (<c>class</c>, <c>id</c>, <c>aria-*</c>, ...).</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    /// <summary>
    /// Raised (interactive only) once the server stored the connection, with the new publicToken (empty in Connect v2,
    /// which has none). When set, the page
    /// stays and every button of the circuit switches to edit mode; when not, the page reloads, as with the tag helper.
    /// </summary>
    [Parameter]
    public EventCallback<HumanConnectResult> OnConnected { get; set; }

    /// <summary>Raised (interactive only) when the user closes Connect without connecting.</summary>
    [Parameter]
    public EventCallback OnClosed { get; set; }

    /// <summary>Raised (interactive only) when Connect or the finish failed; the user was shown the message already.</summary>
    [Parameter]
    public EventCallback<HumanConnectError> OnError { get; set; }

    // The request, in static rendering and while prerendering; null in a circuit.
    [CascadingParameter]
    private HttpContext? HttpContext { get; set; }

    [Inject]
    private HumanConnectComponentState State { get; set; } = default!;

    [Inject]
    private ConnectOptionsBuilder Builder { get; set; } = default!;

    [Inject]
    private HumanConnectEndpointLinks Links { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        State.Changed -= OnStateChanged;
        try
        {
            if (_attached is not null)
            {
                await _module!.InvokeVoidAsync("detach", _attached);
                await _attached.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the page with it: nothing is left to detach.
        }

        _callbacks?.Dispose();
    }

    /// <inheritdoc />
    protected override void OnInitialized() => State.Changed += OnStateChanged;

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (HttpContext is not null)
        {
            Compose(await State.FromRequestAsync(HttpContext), HttpContext.Request.PathBase);
        }
        else if (State.TryGetForCircuit(out var options))
        {
            Compose(options, CircuitPathBase());
        }
    }

    /// <inheritdoc />
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Static rendering and prerendering have no after-render; the check keeps it so for any renderer. Renders that
        // land while the script is being called are caught up afterwards, so the button is never attached twice.
        if (!RendererInfo.IsInteractive)
        {
            return;
        }

        if (_syncing)
        {
            _syncAgain = true;
            return;
        }

        _syncing = true;
        try
        {
            do
            {
                _syncAgain = false;
                await SyncScriptAsync();
            }
            while (_syncAgain && !_disposed);
        }
        finally
        {
            _syncing = false;
        }
    }

    private async Task SyncScriptAsync()
    {
        if (!_known)
        {
            _module ??= await ImportAsync();
            var fetched = await State.FetchForCircuitAsync(() => _module.InvokeAsync<string?>("fetchOptions", Links.Options(CircuitPathBase())).AsTask());
            Compose(fetched, CircuitPathBase());
            StateHasChanged();
            return;
        }

        var attachable = _options is { State: ConnectOptionsStates.Create or ConnectOptionsStates.Edit or ConnectOptionsStates.Reconnect };
        var stay = OnConnected.HasDelegate;
        if (!attachable || (_attached is not null && stay != _attachedStay))
        {
            await DetachAsync();
        }

        if (!attachable || _disposed)
        {
            return;
        }

        _module ??= await ImportAsync();
        if (_attached is null)
        {
            _callbacks ??= DotNetObjectReference.Create(new HumanConnectButtonCallbacks(this));
            _attached = await _module.InvokeAsync<IJSObjectReference>("attach", _element, _json, _callbacks, stay);
            (_attachedJson, _attachedStay) = (_json, stay);
        }
        else if (!string.Equals(_attachedJson, _json, StringComparison.Ordinal))
        {
            await _module.InvokeVoidAsync("update", _attached, _json);
            _attachedJson = _json;
        }
    }

    internal async Task ConnectedAsync(HumanConnectResult result)
    {
        // Every button of the circuit opens edit mode with the new publicToken from now on.
        State.Connected(result.PublicToken);
        await OnConnected.InvokeAsync(result);
    }

    internal Task ClosedAsync() => OnClosed.InvokeAsync();

    internal Task FailedAsync(HumanConnectError error) => OnError.InvokeAsync(error);

    private void Compose(HumanConnectClientConfig? forRequest, PathString pathBase)
    {
        _known = true;
        _options = forRequest is null
            ? null
            : Builder.ForButton(forRequest, new ConnectButtonSettings(Language, Mode, Modal, RedirectUrl, ExtraOptions), pathBase);
        _json = _options is { State: ConnectOptionsStates.Create or ConnectOptionsStates.Edit or ConnectOptionsStates.Reconnect }
            ? JsonSerializer.Serialize(_options, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig)
            : null;
    }

    private void OnStateChanged()
    {
        if (State.TryGetForCircuit(out var options))
        {
            _ = InvokeAsync(() =>
            {
                Compose(options, CircuitPathBase());
                StateHasChanged();
            });
        }
    }

    private async Task DetachAsync()
    {
        if (_attached is null)
        {
            return;
        }

        await _module!.InvokeVoidAsync("detach", _attached);
        await _attached.DisposeAsync();
        (_attached, _attachedJson) = (null, null);
    }

    private async Task<IJSObjectReference> ImportAsync() =>
        await JS.InvokeAsync<IJSObjectReference>("import",
            $"{Navigation.BaseUri}{HumanConnectScripts.ComponentModulePath.TrimStart('/')}?v={Uri.EscapeDataString(ReleaseVersion.Value)}");

    /// <summary>The app's PathBase as the circuit knows it: the path of the page's base URI, without its last slash.</summary>
    private PathString CircuitPathBase() => new(new Uri(Navigation.BaseUri).AbsolutePath.TrimEnd('/'));
}
