namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary><c>GET /profile</c>: who the human is; <c>email</c> only when known (the demo user's).</summary>
internal sealed record HumanProfile(string HumanId, string? Email, string CreatedAt, string UpdatedAt, DefaultTimeZone DefaultTimeZone);

/// <summary>The profile's time zone, by IANA name.</summary>
internal sealed record DefaultTimeZone(string Name);

/// <summary>One entry of <c>GET /sources</c>: a connected source and how far its sync has got.</summary>
internal sealed record ConnectedSource(
    string Id, string Source, string SourceName, string ConnectedSince, SyncStatus SyncStatus, HistorySync HistorySync);

/// <summary>The latest sync of a source.</summary>
internal sealed record SyncStatus(string Status, string Details, string SynchedAt, string NewestDate);

/// <summary>The sync of a source's history.</summary>
internal sealed record HistorySync(string Status, string OldestDate);

/// <summary>
/// <c>GET /</c>: the latest reading of each measurement that has one, and the latest activity and sleep summaries.
/// Measurements without readings are left out.
/// </summary>
internal sealed record HumanSummary(
    string HumanId,
    Reading? HeartRate,
    BloodPressureReading? BloodPressure,
    Reading? BloodGlucose,
    Reading? BloodOxygen,
    Reading? Bmi,
    Reading? BodyFat,
    Reading? Height,
    Reading? Weight,
    ActivitySummary? ActivitySummary,
    SleepSummary? SleepSummary);

/// <summary>The latest reading when there is none: <c>{}</c>, as Human API answers it (not 404).</summary>
internal sealed record EmptyObject;
