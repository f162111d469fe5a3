namespace HumanConnect.AspNetCore;

/// <summary>An allergy from the user's medical records (<see cref="HumanMedicalRecord.Name"/> is the allergen).</summary>
public sealed record HumanAllergy : HumanMedicalRecord
{
    /// <summary>The reaction it causes.</summary>
    public string? Reaction { get; init; }

    /// <summary>How severe it is.</summary>
    public string? Severity { get; init; }

    /// <summary>Its status (<c>Active</c>, ...).</summary>
    public string? Status { get; init; }

    /// <summary>Since when, as the record writes it.</summary>
    public string? StartDate { get; init; }

    /// <summary>Until when, as the record writes it.</summary>
    public string? EndDate { get; init; }
}
