using System.Text.Json;
using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore;

/// <summary>The user's profile at Human API (<c>GET /profile</c>).</summary>
public sealed record HumanProfile
{
    /// <summary>Human API's id for the user.</summary>
    public string? HumanId { get; init; }

    /// <summary>The user's email, when Human API knows it.</summary>
    public string? Email { get; init; }

    /// <summary>When the user was created at Human API.</summary>
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the profile last changed.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The user's default time zone.</summary>
    public HumanTimeZone? DefaultTimeZone { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}

/// <summary>A time zone, by its IANA name.</summary>
public sealed record HumanTimeZone
{
    /// <summary>The IANA name, such as <c>America/Los_Angeles</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Fields this library does not know, kept as raw JSON by name.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
