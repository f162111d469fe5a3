using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Storage;

/// <summary>Source-generated JSON for the default store's record.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StoredTokens))]
internal sealed partial class StoredTokensJsonContext : JsonSerializerContext;
