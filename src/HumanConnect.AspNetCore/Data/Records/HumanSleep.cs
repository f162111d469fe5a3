using System.Text.Json;

namespace HumanConnect.AspNetCore;

/// <summary>One sleep. Times (<see cref="TimeAsleep"/> and the others) are in minutes, as <see cref="double"/>.</summary>
public sealed record HumanSleep : HumanRecord
{
    /// <summary>The day the sleep counts for.</summary>
    public DateOnly? Day { get; init; }

    /// <summary>When it started.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The user's UTC offset at the time (<c>+hh:mm</c>).</summary>
    public string? TzOffset { get; init; }

    /// <summary>Whether this is the night's main sleep rather than a nap.</summary>
    public bool? MainSleep { get; init; }

    /// <summary>Minutes asleep.</summary>
    public double? TimeAsleep { get; init; }

    /// <summary>Minutes awake.</summary>
    public double? TimeAwake { get; init; }

    /// <summary>Minutes in bed.</summary>
    public double? TimeInBed { get; init; }

    /// <summary>Minutes to fall asleep.</summary>
    public double? TimeToFallAsleep { get; init; }

    /// <summary>Minutes in bed after waking up.</summary>
    public double? TimeAfterWakeup { get; init; }

    /// <summary>Sleep efficiency, as the source reports it.</summary>
    public double? Efficiency { get; init; }

    /// <summary>The sleep's time series as raw JSON, when asked for with <see cref="HumanDataQuery.TimeSeries"/>.</summary>
    public JsonElement? TimeSeries { get; init; }
}
