using System.Text.Json;

namespace HumanConnect.AspNetCore;

/// <summary>One activity (a walk, a run, a ride). Numbers are <see cref="double"/>: Human API sends floats, even for steps.</summary>
public sealed record HumanActivity : HumanRecord
{
    /// <summary>When it started.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The user's UTC offset at the time (<c>+hh:mm</c>).</summary>
    public string? TzOffset { get; init; }

    /// <summary>What kind: <c>walking</c>, <c>running</c>, <c>cycling</c>, ...</summary>
    public string? Type { get; init; }

    /// <summary>How long, in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>How far, in metres.</summary>
    public double? Distance { get; init; }

    /// <summary>How many steps.</summary>
    public double? Steps { get; init; }

    /// <summary>Calories burned.</summary>
    public double? Calories { get; init; }

    /// <summary>The activity's time series as raw JSON, when asked for with <see cref="HumanDataQuery.TimeSeries"/>.</summary>
    public JsonElement? TimeSeries { get; init; }
}
