using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Sandbox.Serialization;

/// <summary>
/// Source-generated JSON of Connect v2's token endpoint: snake_case, as Human API's. Like <see cref="SandboxJsonContext"/>
/// it refuses a field named twice, in any case, rather than letting one of them win.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(ConnectTokenRequest))]
[JsonSerializable(typeof(ConnectSessionAnswer))]
[JsonSerializable(typeof(ConnectIdAnswer))]
[JsonSerializable(typeof(ConnectAccessAnswer))]
[JsonSerializable(typeof(ConnectError))]
internal sealed partial class ConnectTokenJsonContext : JsonSerializerContext;
