using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// What <c>POST {prefix}/connect/sync</c> answers: what the server confirmed with Human API, never what the browser
/// said. No token is part of it.
/// </summary>
/// <param name="Connected">Whether the user has data sources connected now.</param>
/// <param name="HumanId">The user's humanId, when one is known (absent for a user who never connected).</param>
internal sealed record ConnectSyncAnswer(bool Connected, string? HumanId);

/// <summary>Source-generated JSON for the sync answer, in the library's own contract rather than the host's HttpJsonOptions.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ConnectSyncAnswer))]
internal sealed partial class ConnectSyncJsonContext : JsonSerializerContext;
