using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>Source-generated JSON for Human API's token requests and answers, so no call uses reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(TokensRequest))]
[JsonSerializable(typeof(TokensResponse))]
[JsonSerializable(typeof(PublicTokensRequest))]
[JsonSerializable(typeof(PublicTokensResponse))]
internal sealed partial class HumanApiJsonContext : JsonSerializerContext;
