using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>
/// What every record of Human API's data API carries. Ids are strings (Human API's are 24 hex characters); every
/// field is optional, as Human API leaves out what a source does not report.
/// </summary>
public abstract record HumanRecord
{
    /// <summary>The record's id (a string: never parse it as a number).</summary>
    public string? Id { get; init; }

    /// <summary>Human API's id for the user the record belongs to.</summary>
    public string? HumanId { get; init; }

    /// <summary>The source that reported it (<c>fitbit</c>, <c>withings</c>, ...).</summary>
    public string? Source { get; init; }

    /// <summary>What the source itself reported, as raw JSON, untouched; <see langword="null"/> when absent.</summary>
    public JsonElement? SourceData { get; init; }

    /// <summary>When Human API created the record (UTC).</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When Human API last changed the record (UTC).</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name, so nothing Human API sends is lost.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
