using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Source-generated JSON for the endpoints' success answer, written with the library's own contract rather than
/// the host's HttpJsonOptions: a host naming policy or a trimmed resolver must not change what human-connect.js reads.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HumanConnectResult))]
[JsonSerializable(typeof(HumanConnectDisconnectAnswer))]
internal sealed partial class HumanConnectEndpointsJsonContext : JsonSerializerContext;
