using System.Globalization;
using System.Text;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>Writes a validated <see cref="HumanDataQuery"/> as Human API's query parameters.</summary>
internal static class HumanDataQueryString
{
    /// <summary>Human API's instant format: UTC, to the second.</summary>
    public const string InstantFormat = "yyyyMMdd'T'HHmmss'Z'";

    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The query string, <c>?</c> included, or an empty string when nothing is to be sent.</summary>
    /// <param name="query">The query; validated by the caller.</param>
    /// <param name="offset">The offset to send instead of the query's (a stream's later pages).</param>
    public static string For(HumanDataQuery? query, int? offset = null)
    {
        if (query is null && offset is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        Add(text, "limit", query?.Limit?.ToString(CultureInfo.InvariantCulture));
        Add(text, "offset", (offset ?? query?.Offset)?.ToString(CultureInfo.InvariantCulture));
        Add(text, "created_since", Instant(query?.CreatedSince));
        Add(text, "created_before", Instant(query?.CreatedBefore));
        Add(text, "updated_since", Instant(query?.UpdatedSince));
        Add(text, "updated_before", Instant(query?.UpdatedBefore));
        Add(text, "start_date", Date(query?.StartDate));
        Add(text, "end_date", Date(query?.EndDate));
        Add(text, "source", query?.Source);
        Add(text, "time_series", query?.TimeSeries == true ? "true" : null);
        return text.ToString();
    }

    public static string Date(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? date) => date is { } value ? Date(value) : null;

    private static string? Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    private static void Add(StringBuilder text, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
