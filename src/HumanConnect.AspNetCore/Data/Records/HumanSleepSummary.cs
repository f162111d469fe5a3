namespace HumanConnect.AspNetCore;

/// <summary>One day's sleep, as a source summarised it. Times are in minutes.</summary>
public sealed record HumanSleepSummary : HumanRecord
{
    /// <summary>The day summarised.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Minutes asleep.</summary>
    public double? TimeAsleep { get; init; }

    /// <summary>Minutes awake.</summary>
    public double? TimeAwake { get; init; }

    /// <summary>Minutes in bed.</summary>
    public double? TimeInBed { get; init; }

    /// <summary>Sleep efficiency, as the source reports it.</summary>
    public double? Efficiency { get; init; }

    /// <summary>How many sleeps the day had.</summary>
    public double? Sleeps { get; init; }
}
