using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>
/// What every medical record carries. Medical values are strings, even when they look numeric (<c>"102"</c>):
/// Human API passes on what the provider's record says, and so does this library.
/// </summary>
public abstract record HumanMedicalRecord : HumanRecord
{
    /// <summary>The record's name (a drug, an allergen, a test, a problem, ...).</summary>
    public string? Name { get; init; }

    /// <summary>The codes that identify it in coding systems (SNOMED CT, LOINC, RxNorm, ...).</summary>
    public IReadOnlyList<HumanMedicalCode>? Codes { get; init; }

    /// <summary>The provider organization the record came from.</summary>
    public HumanMedicalOrganization? Organization { get; init; }
}

/// <summary>A code of a medical record in one coding system.</summary>
public sealed record HumanMedicalCode
{
    /// <summary>The code.</summary>
    public string? Code { get; init; }

    /// <summary>The coding system's id (an OID).</summary>
    public string? CodeSystem { get; init; }

    /// <summary>The coding system's name.</summary>
    public string? CodeSystemName { get; init; }

    /// <summary>What the code means.</summary>
    public string? Name { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>The provider organization a medical record came from.</summary>
public sealed record HumanMedicalOrganization
{
    /// <summary>Its id at Human API.</summary>
    public string? Id { get; init; }

    /// <summary>Its name.</summary>
    public string? Name { get; init; }

    /// <summary>Human API's link to it.</summary>
    public string? Href { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
