using System.Globalization;

namespace HumanConnect.SampleHost.Dashboard;

/// <summary>How the dashboard writes numbers, days, times and durations: one English format everywhere.</summary>
internal static class DisplayFormat
{
    // The invariant culture's names are English, and it exists even where the host runs with invariant globalization.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>A count with thousands separators: <c>8,214</c>.</summary>
    public static string Count(double value) => Math.Round(value).ToString("#,0", English);

    /// <summary>A short day: <c>Tue 4 Mar</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("ddd d MMM", English);

    /// <summary>A day with its year: <c>4 March 2026</c>.</summary>
    public static string LongDay(DateOnly day) => day.ToString("d MMMM yyyy", English);

    /// <summary>A tick label of the steps axis: <c>0</c>, <c>5k</c>, <c>12.5k</c>.</summary>
    public static string Thousands(double value) =>
        value == 0 ? "0" : (value / 1000).ToString("0.#", English) + "k";

    /// <summary>Minutes as hours and minutes: <c>7 h 12 min</c>, or <c>45 min</c>.</summary>
    public static string Minutes(double minutes)
    {
        var total = (int)Math.Round(minutes);
        return total < 60 ? $"{total} min" : $"{total / 60} h {total % 60} min";
    }

    /// <summary>A time of day on the clock the user had where it was recorded: <c>22:14</c>.</summary>
    public static string Clock(DateTimeOffset at, string? tzOffset) => Local(at, tzOffset).ToString("HH:mm", English);

    /// <summary>When a reading was taken, on the user's clock there: <c>Tue 4 Mar, 22:14</c>.</summary>
    public static string When(DateTimeOffset at, string? tzOffset)
    {
        var local = Local(at, tzOffset);
        return $"{Day(DateOnly.FromDateTime(local.DateTime))}, {local.ToString("HH:mm", English)}";
    }

    /// <summary>
    /// The instant on the user's clock: Human API sends instants in UTC and the offset the user had beside them
    /// (<c>+hh:mm</c>); without a readable offset, the instant's own.
    /// </summary>
    public static DateTimeOffset Local(DateTimeOffset at, string? tzOffset) =>
        TryParseOffset(tzOffset, out var offset) ? at.ToOffset(offset) : at;

    private static bool TryParseOffset(string? tzOffset, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (tzOffset is not { Length: 6 } || (tzOffset[0] != '+' && tzOffset[0] != '-')
            || !TimeSpan.TryParseExact(tzOffset.AsSpan(1), @"hh\:mm", English, out var magnitude)
            || magnitude > TimeSpan.FromHours(14))
        {
            return false;
        }

        offset = tzOffset[0] == '-' ? -magnitude : magnitude;
        return true;
    }
}
