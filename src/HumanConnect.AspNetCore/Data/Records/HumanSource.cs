using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>A data source the user connected (<c>GET /sources</c>), with its sync state.</summary>
public sealed record HumanSource
{
    /// <summary>The source's id (<c>fitbit</c>, <c>withings</c>, ...).</summary>
    public string? Source { get; init; }

    /// <summary>The source's display name.</summary>
    public string? SourceName { get; init; }

    /// <summary>When the user connected it.</summary>
    public DateTimeOffset? ConnectedSince { get; init; }

    /// <summary>How its latest sync went.</summary>
    public HumanSourceSyncStatus? SyncStatus { get; init; }

    /// <summary>How the sync of its history went.</summary>
    public HumanSourceHistorySync? HistorySync { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The state of a source's latest sync.</summary>
public sealed record HumanSourceSyncStatus
{
    /// <summary>The status, as Human API names it.</summary>
    public string? Status { get; init; }

    /// <summary>Details of the status, as Human API words them.</summary>
    public string? Details { get; init; }

    /// <summary>When the source was last synced.</summary>
    public DateTimeOffset? SynchedAt { get; init; }

    /// <summary>The newest data the source has given.</summary>
    public DateTimeOffset? NewestDate { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The state of the sync of a source's history.</summary>
public sealed record HumanSourceHistorySync
{
    /// <summary>The status, as Human API names it.</summary>
    public string? Status { get; init; }

    /// <summary>The oldest data synced so far.</summary>
    public DateTimeOffset? OldestDate { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
