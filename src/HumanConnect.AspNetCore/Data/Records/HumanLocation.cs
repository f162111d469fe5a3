namespace HumanConnect.AspNetCore;

/// <summary>One place the user was, as a source reported it.</summary>
public sealed record HumanLocation : HumanRecord
{
    /// <summary>When the user arrived.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When the user left.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The user's UTC offset at the time (<c>+hh:mm</c>).</summary>
    public string? TzOffset { get; init; }

    /// <summary>What kind of stay or move, as the source names it.</summary>
    public string? Type { get; init; }

    /// <summary>The place's latitude, in degrees.</summary>
    public double? Latitude { get; init; }

    /// <summary>The place's longitude, in degrees.</summary>
    public double? Longitude { get; init; }

    /// <summary>How long, in seconds.</summary>
    public double? Duration { get; init; }
}
