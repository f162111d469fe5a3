namespace HumanConnect.AspNetCore.Sandbox.Data;

// The data API's medical records. Their values are strings even when they look numeric, as Human API's are; they
// share codes and an organization. The codes are the sandbox's own demo code system, not a real terminology.

/// <summary>A code of a medical record.</summary>
internal sealed record MedicalCode(string Code, string CodeSystem, string CodeSystemName, string Name);

/// <summary>The organization a medical record comes from; <c>href</c> is relative to the data API's base URL.</summary>
internal sealed record MedicalOrganizationRef(string Id, string Name, string Href);

/// <summary>A medication.</summary>
internal sealed record Medication(
    string Id, string HumanId, string Source, string Name, string DosageInfo, string Instructions, string Status,
    string StartDate, string? EndDate, string Provider, MedicationDetails Details, MedicalCode[] Codes,
    MedicalOrganizationRef Organization, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>How a medication is taken.</summary>
internal sealed record MedicationDetails(string Dosage, string Frequency, string Route, string Strength);

/// <summary>An allergy.</summary>
internal sealed record Allergy(
    string Id, string HumanId, string Source, string Name, string Reaction, string Severity, string Status, string StartDate,
    MedicalCode[] Codes, MedicalOrganizationRef Organization, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>An encounter: a visit to a provider.</summary>
internal sealed record Encounter(
    string Id, string HumanId, string Source, string DateTime, string VisitType, string Provider, string Reason,
    MedicalCode[] Codes, MedicalOrganizationRef Organization, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>An organization medical records come from.</summary>
internal sealed record MedicalOrganization(
    string Id, string HumanId, string Source, string Name, string Address, string Phone, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary><c>GET /medical/profile</c>: the demographics the medical source holds.</summary>
internal sealed record MedicalProfile(
    string Id, string HumanId, string Source, string Dob, string Gender, string BloodType, MedicalOrganizationRef Organization,
    DemoSourceData SourceData, string CreatedAt, string UpdatedAt);
