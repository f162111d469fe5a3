namespace HumanConnect.AspNetCore;

/// <summary>An immunization from the user's medical records (<see cref="HumanMedicalRecord.Name"/> is the vaccine).</summary>
public sealed record HumanImmunization : HumanMedicalRecord
{
    /// <summary>When it was given, as the record writes it.</summary>
    public string? DateTime { get; init; }

    /// <summary>Its status.</summary>
    public string? Status { get; init; }

    /// <summary>How it was given.</summary>
    public string? Route { get; init; }
}
