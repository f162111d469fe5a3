using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>A medication from the user's medical records. Every value is a string, as the record has it.</summary>
public sealed record HumanMedication : HumanMedicalRecord
{
    /// <summary>The dosage, in words.</summary>
    public string? DosageInfo { get; init; }

    /// <summary>How to take it.</summary>
    public string? Instructions { get; init; }

    /// <summary>Its status (<c>Active</c>, <c>Completed</c>, ...).</summary>
    public string? Status { get; init; }

    /// <summary>When it was started, as the record writes it.</summary>
    public string? StartDate { get; init; }

    /// <summary>When it ended, as the record writes it.</summary>
    public string? EndDate { get; init; }

    /// <summary>Who prescribed it.</summary>
    public string? Provider { get; init; }

    /// <summary>Dosage, frequency, route and strength.</summary>
    public HumanMedicationDetails? Details { get; init; }
}

/// <summary>How a medication is taken.</summary>
public sealed record HumanMedicationDetails
{
    /// <summary>The dose.</summary>
    public string? Dosage { get; init; }

    /// <summary>How often.</summary>
    public string? Frequency { get; init; }

    /// <summary>How it is given (oral, ...).</summary>
    public string? Route { get; init; }

    /// <summary>Its strength.</summary>
    public string? Strength { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
