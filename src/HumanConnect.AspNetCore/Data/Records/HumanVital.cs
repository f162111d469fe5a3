namespace HumanConnect.AspNetCore;

/// <summary>A vital sign from the user's medical records (<see cref="HumanMedicalRecord.Name"/> is what was measured).</summary>
public sealed record HumanVital : HumanMedicalRecord
{
    /// <summary>When it was measured, as the record writes it.</summary>
    public string? DateTime { get; init; }

    /// <summary>The value, as a string even when numeric.</summary>
    public string? Value { get; init; }

    /// <summary>The value's unit.</summary>
    public string? Unit { get; init; }
}
