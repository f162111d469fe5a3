namespace HumanConnect.AspNetCore;

/// <summary>A visit or stay from the user's medical records.</summary>
public sealed record HumanEncounter : HumanMedicalRecord
{
    /// <summary>When it took place, as the record writes it.</summary>
    public string? DateTime { get; init; }

    /// <summary>What kind of visit.</summary>
    public string? VisitType { get; init; }

    /// <summary>Who saw the user.</summary>
    public string? Provider { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }
}
