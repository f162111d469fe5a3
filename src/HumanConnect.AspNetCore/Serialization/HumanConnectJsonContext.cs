using System.Text.Json;
using System.Text.Json.Serialization;
using HumanConnect.AspNetCore.Endpoints;
using HumanConnect.AspNetCore.Storage;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Serialization;

/// <summary>Source-generated JSON for every shape the library reads or writes, so no hot path uses reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(TokensRequest))]
[JsonSerializable(typeof(TokensResponse))]
[JsonSerializable(typeof(PublicTokensRequest))]
[JsonSerializable(typeof(PublicTokensResponse))]
[JsonSerializable(typeof(SessionTokenObject))]
[JsonSerializable(typeof(HumanConnectResult))]
[JsonSerializable(typeof(StoredTokens))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
internal sealed partial class HumanConnectJsonContext : JsonSerializerContext;
