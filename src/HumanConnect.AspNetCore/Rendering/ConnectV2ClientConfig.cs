using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// What one v2 button tells <c>human-connect-v2.js</c>, in its <c>data-human-connect-v2</c> attribute. Connect
/// itself reads only the <c>data-hapi-*</c> attributes beside it; nothing here is secret.
/// </summary>
/// <param name="SyncUrl">Where the script posts after Connect reported a change (carries prefixes and PathBase).</param>
/// <param name="Antiforgery">The request token and how to send it.</param>
internal sealed record ConnectV2ClientConfig(string SyncUrl, HumanConnectClientAntiforgery Antiforgery)
{
    /// <summary>Where the browser goes after a change was synced; absent to reload the page.</summary>
    public string? RedirectUrl { get; init; }
}

/// <summary>Source-generated, HTML-safe JSON for <see cref="ConnectV2ClientConfig"/> (System.Text.Json's default encoder).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectV2ClientConfig))]
internal sealed partial class ConnectV2RenderingJsonContext : JsonSerializerContext;
