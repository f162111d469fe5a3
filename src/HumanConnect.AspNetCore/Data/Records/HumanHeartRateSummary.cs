namespace HumanConnect.AspNetCore;

/// <summary>One day's heart rate, as a source summarised it, in beats per minute.</summary>
public sealed record HumanHeartRateSummary : HumanRecord
{
    /// <summary>The day summarised.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The resting heart rate.</summary>
    public double? RestingHeartRate { get; init; }

    /// <summary>The day's average heart rate.</summary>
    public double? Average { get; init; }

    /// <summary>The day's lowest heart rate.</summary>
    public double? Min { get; init; }

    /// <summary>The day's highest heart rate.</summary>
    public double? Max { get; init; }

    /// <summary>The unit (<c>bpm</c>).</summary>
    public string? Unit { get; init; }
}
