using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>
/// The summary of the human (<c>GET /</c>): the latest value of each measurement and the latest activity and sleep
/// summaries. Each is <see langword="null"/> when there is none (Human API writes <c>{}</c> or leaves it out).
/// </summary>
public sealed record HumanSummary
{
    /// <summary>The summary's id.</summary>
    public string? Id { get; init; }

    /// <summary>Human API's id for the user.</summary>
    public string? HumanId { get; init; }

    /// <summary>The latest heart rate.</summary>
    public HumanMeasurement? HeartRate { get; init; }

    /// <summary>The latest blood pressure.</summary>
    public HumanMeasurement? BloodPressure { get; init; }

    /// <summary>The latest blood glucose.</summary>
    public HumanMeasurement? BloodGlucose { get; init; }

    /// <summary>The latest blood oxygen.</summary>
    public HumanMeasurement? BloodOxygen { get; init; }

    /// <summary>The latest BMI.</summary>
    public HumanMeasurement? Bmi { get; init; }

    /// <summary>The latest body fat.</summary>
    public HumanMeasurement? BodyFat { get; init; }

    /// <summary>The latest height.</summary>
    public HumanMeasurement? Height { get; init; }

    /// <summary>The latest weight.</summary>
    public HumanMeasurement? Weight { get; init; }

    /// <summary>The latest activity summary.</summary>
    public HumanActivitySummary? ActivitySummary { get; init; }

    /// <summary>The latest sleep summary.</summary>
    public HumanSleepSummary? SleepSummary { get; init; }

    /// <summary>When the summary was created.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the summary last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
