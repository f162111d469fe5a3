using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>Why a data API query was refused: a stable code and what to send instead.</summary>
internal sealed record DataQueryError(string ErrorCode, string Detail);

/// <summary>
/// The data API's query parameters, as Human API documents them, read strictly: a malformed value, a parameter given
/// twice, or half a date range is refused rather than guessed at. Unknown parameters are ignored, as Human API does.
/// </summary>
internal sealed record DataQuery(
    int Limit, int Offset, DateTimeOffset? CreatedSince, DateTimeOffset? UpdatedSince, DateTimeOffset? CreatedBefore,
    DateTimeOffset? UpdatedBefore, DateOnly? StartDate, DateOnly? EndDate, string? Source, bool TimeSeries)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    private const string InstantFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string DateFormat = "yyyy-MM-dd";

    /// <summary>Reads <paramref name="query"/>; exactly one of the two results is set.</summary>
    public static (DataQuery? Query, DataQueryError? Error) Parse(IQueryCollection query)
    {
        if (query.FirstOrDefault(pair => pair.Value.Count > 1) is { Key: { } repeated })
        {
            return (null, new("repeated_parameter", $"'{repeated}' is given more than once: give each parameter once."));
        }

        string? Value(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        DataQueryError Invalid(string name, string expected) => new("invalid_parameter", $"'{name}' must be {expected}.");

        var limit = DefaultLimit;
        if (Value("limit") is { } limitText && (!TryParseCount(limitText, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, Invalid("limit", $"a whole number from 1 to {MaxLimit} (default {DefaultLimit})"));
        }

        var offset = 0;
        if (Value("offset") is { } offsetText && !TryParseCount(offsetText, out offset))
        {
            return (null, Invalid("offset", "a whole number of 0 or more"));
        }

        var instants = new DateTimeOffset?[4];
        string[] instantNames = ["created_since", "updated_since", "created_before", "updated_before"];
        for (var i = 0; i < instantNames.Length; i++)
        {
            if (Value(instantNames[i]) is not { } text)
            {
                continue;
            }

            if (!DateTimeOffset.TryParseExact(text, InstantFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            {
                return (null, Invalid(instantNames[i], "a UTC instant written yyyyMMddTHHmmssZ, such as 20150323T142934Z"));
            }

            instants[i] = instant;
        }

        var (start, end) = (Value("start_date"), Value("end_date"));
        if ((start is null) != (end is null))
        {
            return (null, new("incomplete_date_range", "Give start_date and end_date together (yyyy-MM-dd), or neither."));
        }

        DateOnly? startDate = null, endDate = null;
        if (start is not null)
        {
            if (!DateOnly.TryParseExact(start, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var s))
            {
                return (null, Invalid("start_date", "a date written yyyy-MM-dd"));
            }

            if (!DateOnly.TryParseExact(end, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var e) || e < s)
            {
                return (null, Invalid("end_date", "a date written yyyy-MM-dd, not before start_date"));
            }

            (startDate, endDate) = (s, e);
        }

        var source = Value("source");
        if (source is { Length: 0 })
        {
            return (null, Invalid("source", "a source id, such as one listed by /sources"));
        }

        var timeSeries = false;
        if (Value("time_series") is { } series && !bool.TryParse(series, out timeSeries))
        {
            return (null, Invalid("time_series", "true or false"));
        }

        return (new DataQuery(limit, offset, instants[0], instants[1], instants[2], instants[3], startDate, endDate, source, timeSeries), null);
    }

    /// <summary>
    /// The items that pass every filter: <c>*_since</c> inclusive, <c>*_before</c> exclusive, the date range
    /// inclusive on the record's local day, <c>source</c> by source id.
    /// </summary>
    public IEnumerable<DemoItem<T>> Filter<T>(IEnumerable<DemoItem<T>> items) => items.Where(item =>
        (CreatedSince is not { } createdSince || item.CreatedAt >= createdSince)
        && (UpdatedSince is not { } updatedSince || item.UpdatedAt >= updatedSince)
        && (CreatedBefore is not { } createdBefore || item.CreatedAt < createdBefore)
        && (UpdatedBefore is not { } updatedBefore || item.UpdatedAt < updatedBefore)
        && (StartDate is not { } startDate || item.Day >= startDate)
        && (EndDate is not { } endDate || item.Day <= endDate)
        && (Source is null || string.Equals(item.SourceId, Source, StringComparison.OrdinalIgnoreCase)));

    /// <summary>Digits only: no sign, no spaces, no thousands separators; and it fits an <see cref="int"/>.</summary>
    private static bool TryParseCount(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
