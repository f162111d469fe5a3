namespace HumanConnect.AspNetCore;

/// <summary>
/// One reading of a measurement (heart rate, blood pressure, blood glucose, blood oxygen, BMI, body fat, height,
/// weight). Numbers are <see cref="double"/>: Human API sends floats. Blood pressure has <see cref="Systolic"/>,
/// <see cref="Diastolic"/> and sometimes <see cref="HeartRate"/> instead of <see cref="Value"/>.
/// </summary>
public sealed record HumanMeasurement : HumanRecord
{
    /// <summary>When it was measured.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>The user's UTC offset where it was measured, as Human API writes it (<c>+hh:mm</c>).</summary>
    public string? TzOffset { get; init; }

    /// <summary>The value, in <see cref="Unit"/>; <see langword="null"/> for blood pressure.</summary>
    public double? Value { get; init; }

    /// <summary>The unit: <c>bpm</c>, <c>mg/dL</c>, <c>kg</c>, <c>mm</c>, <c>%</c>, <c>kg/m2</c>, <c>mmHg</c>, ...</summary>
    public string? Unit { get; init; }

    /// <summary>Blood pressure only: the systolic pressure.</summary>
    public double? Systolic { get; init; }

    /// <summary>Blood pressure only: the diastolic pressure.</summary>
    public double? Diastolic { get; init; }

    /// <summary>Blood pressure only, when the device reported it: the heart rate at the time.</summary>
    public double? HeartRate { get; init; }
}
