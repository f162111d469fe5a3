namespace HumanConnect.AspNetCore;

/// <summary>A problem (a diagnosis; Human API's <c>issues</c>) from the user's medical records.</summary>
public sealed record HumanProblem : HumanMedicalRecord
{
    /// <summary>Its status (<c>Active</c>, <c>Resolved</c>, ...).</summary>
    public string? Status { get; init; }

    /// <summary>Since when, as the record writes it.</summary>
    public string? StartDate { get; init; }

    /// <summary>Until when, as the record writes it.</summary>
    public string? EndDate { get; init; }
}
