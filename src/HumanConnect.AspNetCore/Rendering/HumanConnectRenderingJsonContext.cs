using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Source-generated JSON for what pages carry. It keeps System.Text.Json's default encoder, which escapes
/// <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c>, quotes and non-ASCII, so no value can close an attribute or a tag.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HumanConnectClientConfig))]
[JsonSerializable(typeof(HumanConnectDisconnectConfig))]
internal sealed partial class HumanConnectRenderingJsonContext : JsonSerializerContext;
