using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// Source-generated snake_case JSON for Connect v2's token endpoint, so no call uses reflection. Answers are read
/// tolerantly: unknown members are skipped, names match in any case, and numbers may come as strings.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(ConnectTokenRequest))]
[JsonSerializable(typeof(ConnectTokenAnswer))]
internal sealed partial class ConnectTokenJsonContext : JsonSerializerContext;
