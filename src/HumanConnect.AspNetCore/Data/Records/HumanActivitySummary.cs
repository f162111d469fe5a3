namespace HumanConnect.AspNetCore;

/// <summary>One day's activity, as a source summarised it. Durations are in seconds, distances in metres.</summary>
public sealed record HumanActivitySummary : HumanRecord
{
    /// <summary>The day summarised.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Time active, in seconds.</summary>
    public double? Duration { get; init; }

    /// <summary>Distance, in metres.</summary>
    public double? Distance { get; init; }

    /// <summary>Steps.</summary>
    public double? Steps { get; init; }

    /// <summary>Calories burned.</summary>
    public double? Calories { get; init; }

    /// <summary>Time sedentary, in seconds.</summary>
    public double? Sedentary { get; init; }

    /// <summary>Time in light activity, in seconds.</summary>
    public double? Light { get; init; }

    /// <summary>Time in moderate activity, in seconds.</summary>
    public double? Moderate { get; init; }

    /// <summary>Time in vigorous activity, in seconds.</summary>
    public double? Vigorous { get; init; }
}
