using System.Text.Json;
using HumanConnect.AspNetCore.Rendering;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Components;

/// <summary>
/// The Connect options every <see cref="HumanConnectButton"/> of a scope shares: a request (static rendering and
/// prerendering) or a Blazor Server circuit. A request reads them through <see cref="ConnectOptionsBuilder"/>, once, and
/// persists them into the page; the circuit that follows takes them from there, or, without prerendering, fetches
/// them once from the options endpoint. After a finish they switch to edit mode for every button of the circuit.
/// </summary>
internal sealed class HumanConnectComponentState(ConnectOptionsBuilder builder, IServiceProvider services) : IDisposable
{
    internal const string PersistenceKey = "HumanConnect.AspNetCore.ConnectOptions";

    // Persisted for a signed-out visitor, whom the circuit must not fetch for again.
    private const string SignedOut = "";

    private PersistingComponentStateSubscription? _persisting;
    private Task<HumanConnectClientConfig?>? _fetched;
    private HumanConnectClientConfig? _options;
    private bool _known;

    /// <summary>Raised when the options of the circuit changed (a finish switched them to edit mode).</summary>
    public event Action? Changed;

    /// <summary>The request's options (null: signed out); the first caller also persists them for the circuit.</summary>
    public async Task<HumanConnectClientConfig?> FromRequestAsync(HttpContext httpContext)
    {
        var options = await builder.ForRequestAsync(httpContext);
        if (_persisting is null && services.GetService<PersistentComponentState>() is { } persistent)
        {
            // Written only when the page has interactive components to read it (the framework decides).
            _persisting = persistent.RegisterOnPersisting(() =>
            {
                persistent.PersistAsJson(PersistenceKey, Serialize(options));
                return Task.CompletedTask;
            });
        }

        return options;
    }

    /// <summary>The circuit's options, when known: fetched, updated, or persisted by the prerendered request.</summary>
    public bool TryGetForCircuit(out HumanConnectClientConfig? options)
    {
        if (!_known && services.GetService<PersistentComponentState>() is { } persistent
            && persistent.TryTakeFromJson<string>(PersistenceKey, out var json) && json is not null)
        {
            (_options, _known) = (Deserialize(json), true);
        }

        options = _options;
        return _known;
    }

    /// <summary>Fetches the circuit's options once (from the options endpoint, through the browser), however many buttons ask.</summary>
    public Task<HumanConnectClientConfig?> FetchForCircuitAsync(Func<Task<string?>> fetch) => _fetched ??= FetchAsync(fetch);

    /// <summary>A finish stored the connection: every button opens edit mode with <paramref name="publicToken"/> from now on.</summary>
    public void Connected(string? publicToken)
    {
        if (_options is { State: ConnectOptionsStates.Create or ConnectOptionsStates.Edit or ConnectOptionsStates.Reconnect })
        {
            // Connect v2 has no publicToken: its token stays the one the circuit opened with.
            _options = _options.ConnectVersion is null
                ? _options with { State = ConnectOptionsStates.Edit, PublicToken = publicToken }
                : _options with { State = ConnectOptionsStates.Edit };
            Changed?.Invoke();
        }
    }

    public void Dispose() => _persisting?.Dispose();

    private async Task<HumanConnectClientConfig?> FetchAsync(Func<Task<string?>> fetch)
    {
        var json = await fetch();
        (_options, _known) = (json is null ? null : Deserialize(json), true);
        return _options;
    }

    private static string Serialize(HumanConnectClientConfig? options) =>
        options is null ? SignedOut : JsonSerializer.Serialize(options, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig);

    private static HumanConnectClientConfig? Deserialize(string json) =>
        json.Length == 0 ? null : JsonSerializer.Deserialize(json, HumanConnectRenderingJsonContext.Default.HumanConnectClientConfig);
}
