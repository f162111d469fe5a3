using System.Text.Json;
using Microsoft.JSInterop;

namespace HumanConnect.AspNetCore.Components;

/// <summary>
/// What <c>human-connect-component.mjs</c> calls back, through a <see cref="DotNetObjectReference"/>: kept apart from
/// the component so its <c>[JSInvokable]</c> methods are not part of the component's public face. The arguments are
/// read as <see cref="JsonElement"/> and checked here, since a page's script can call them with anything.
/// </summary>
internal sealed class HumanConnectButtonCallbacks(HumanConnectButton button)
{
    [JSInvokable]
    public Task Connected(JsonElement result) =>
        String(result, "humanId") is { Length: > 0 } humanId && PublicTokenOf(result) is { } publicToken
            ? button.ConnectedAsync(new HumanConnectResult(humanId, publicToken))
            : Task.CompletedTask;

    /// <summary>The legacy flow's new publicToken; empty for a Connect v2 sync (<c>connected: true</c>), which has none.</summary>
    private static string? PublicTokenOf(JsonElement result) =>
        String(result, "publicToken") is { Length: > 0 } publicToken ? publicToken
        : result.ValueKind == JsonValueKind.Object && result.TryGetProperty("connected", out var connected) && connected.ValueKind == JsonValueKind.True ? string.Empty
        : null;

    [JSInvokable]
    public Task Closed() => button.ClosedAsync();

    [JSInvokable]
    public Task Failed(JsonElement error) => button.FailedAsync(new HumanConnectError(
        Code: error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var code) && code.ValueKind is JsonValueKind.String or JsonValueKind.Number
            ? code.ToString()
            : "connect_error",
        Message: String(error, "message") ?? string.Empty,
        DetailedMessage: String(error, "detailedMessage") ?? string.Empty,
        Status: error.ValueKind == JsonValueKind.Object && error.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Number && status.TryGetInt32(out var value) ? value : null,
        Source: String(error, "source") ?? "page"));

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
