using System.Text.Json;
using System.Text.Json.Serialization;
using HumanConnect.AspNetCore.Storage;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Serialization;

/// <summary>
/// Source-generated JSON for the library's server-side shapes: Human API's token requests and answers, the endpoints'
/// success answer, and the default store's record. (The button's configuration has its own context, which keeps the
/// HTML-safe encoder; the finish body is read by <c>SessionTokenJson</c>, strictly, without the serializer.)
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(TokensRequest))]
[JsonSerializable(typeof(TokensResponse))]
[JsonSerializable(typeof(PublicTokensRequest))]
[JsonSerializable(typeof(PublicTokensResponse))]
[JsonSerializable(typeof(HumanConnectResult))]
[JsonSerializable(typeof(StoredTokens))]
internal sealed partial class HumanConnectJsonContext : JsonSerializerContext;
