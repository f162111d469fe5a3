namespace HumanConnect.AspNetCore;

/// <summary>One day's heart rate, as a source summarised it, in beats per minute.</summary>
public sealed record HumanHeartRateSummary : HumanRecord
{
    /// <summary>The day summarised.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>The resting heart rate.</summary>
    public double? RestingHeartRate { get; init; }

    /// <summary>The day's average heart rate.</summary>
    public double? AverageHeartRate { get; init; }

    /// <summary>The day's lowest heart rate.</summary>
    public double? MinHeartRate { get; init; }

    /// <summary>The day's highest heart rate.</summary>
    public double? MaxHeartRate { get; init; }
}
