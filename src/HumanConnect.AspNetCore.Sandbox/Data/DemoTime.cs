using System.Globalization;

namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>How the data API writes times, and the whole-millisecond instants it writes them from.</summary>
internal static class DemoTime
{
    /// <summary>ISO 8601 in UTC with milliseconds, as Human API writes <c>createdAt</c>: <c>2015-03-23T14:29:34.000Z</c>.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A <c>tzOffset</c>: <c>+hh:mm</c> or <c>-hh:mm</c>.</summary>
    public static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The UTC instant <paramref name="localHours"/> after local midnight of <paramref name="day"/>, truncated to whole
    /// milliseconds so that what filters compare is exactly what the JSON says.
    /// </summary>
    public static DateTimeOffset At(DateOnly day, double localHours, TimeSpan offset) =>
        Whole(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset).AddHours(localHours).ToUniversalTime());

    /// <summary><paramref name="instant"/> plus <paramref name="minutes"/>, in whole milliseconds.</summary>
    public static DateTimeOffset Plus(DateTimeOffset instant, double minutes) => Whole(instant.AddMinutes(minutes));

    /// <summary>The local date of <paramref name="instant"/> at <paramref name="offset"/>.</summary>
    public static DateOnly LocalDate(DateTimeOffset instant, TimeSpan offset) => DateOnly.FromDateTime(instant.ToOffset(offset).DateTime);

    private static DateTimeOffset Whole(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
