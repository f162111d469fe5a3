namespace HumanConnect.AspNetCore;

/// <summary>A test result from the user's medical records (<see cref="HumanMedicalRecord.Name"/> is the test).</summary>
public sealed record HumanTestResult : HumanMedicalRecord
{
    /// <summary>When it was taken, as the record writes it.</summary>
    public string? DateTime { get; init; }

    /// <summary>The result, as a string even when numeric.</summary>
    public string? Value { get; init; }

    /// <summary>The result's unit.</summary>
    public string? Unit { get; init; }

    /// <summary>The normal range, as the record writes it.</summary>
    public string? ReferenceRange { get; init; }

    /// <summary>Its status or interpretation.</summary>
    public string? Status { get; init; }
}
