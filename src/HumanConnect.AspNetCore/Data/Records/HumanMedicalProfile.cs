using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>The demographics of the user's medical records (<c>GET /medical/profile</c>). Values are strings, as the record has them.</summary>
public sealed record HumanMedicalProfile
{
    /// <summary>The profile's id.</summary>
    public string? Id { get; init; }

    /// <summary>Human API's id for the user.</summary>
    public string? HumanId { get; init; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Gender, as the record writes it.</summary>
    public string? Gender { get; init; }

    /// <summary>Date of birth, as the record writes it (Human API's <c>dob</c>).</summary>
    [JsonPropertyName("dob")]
    public string? DateOfBirth { get; init; }

    /// <summary>Blood type, as the record writes it.</summary>
    public string? BloodType { get; init; }

    /// <summary>The source the records came from.</summary>
    public string? Source { get; init; }

    /// <summary>When Human API created the profile.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Fields this library does not know (address, race, ...), kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
