namespace HumanConnect.AspNetCore;

/// <summary>
/// What a list call of the data client asks Human API for: a page (<see cref="Limit"/>, <see cref="Offset"/>) and
/// filters. Every call validates it before anything is sent, and answers
/// <see cref="HumanDataFailure.InvalidQuery"/> with every problem at once. <see langword="null"/> properties are not sent.
/// </summary>
public sealed record HumanDataQuery
{
    /// <summary>The most Human API allows per page: 500.</summary>
    public const int MaxLimit = 500;

    /// <summary>How many records per page, 1 to <see cref="MaxLimit"/>; Human API's default is 50.</summary>
    public int? Limit { get; init; }

    /// <summary>Where the page starts in the whole list, 0 or more; 0 by default.</summary>
    public int? Offset { get; init; }

    /// <summary>Only records created at or after this instant (<c>created_since</c>, sent in UTC as <c>yyyyMMdd'T'HHmmss'Z'</c>).</summary>
    public DateTimeOffset? CreatedSince { get; init; }

    /// <summary>Only records created before this instant (<c>created_before</c>).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }

    /// <summary>
    /// Only records updated at or after this instant (<c>updated_since</c>): Human API's recommended way to catch up
    /// periodically, keeping the time of the last query.
    /// </summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Only records updated before this instant (<c>updated_before</c>).</summary>
    public DateTimeOffset? UpdatedBefore { get; init; }

    /// <summary>The first day of a date range (<c>start_date</c>, <c>yyyy-MM-dd</c>); only together with <see cref="EndDate"/>.</summary>
    public DateOnly? StartDate { get; init; }

    /// <summary>The last day of a date range (<c>end_date</c>); only together with <see cref="StartDate"/>, and not before it.</summary>
    public DateOnly? EndDate { get; init; }

    /// <summary>Only records of this source (<c>source</c>, a source id such as <c>fitbit</c>); at most 256 characters.</summary>
    public string? Source { get; init; }

    /// <summary>Adds each record's <c>timeSeries</c> (<c>time_series=true</c>); activities and sleeps only.</summary>
    public bool TimeSeries { get; init; }

    /// <summary>Every problem of this query, one message each; empty when it is valid.</summary>
    /// <returns>The problems, naming the property to fix.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Limit is < 1 or > MaxLimit)
        {
            errors.Add($"{nameof(Limit)} must be from 1 to {MaxLimit}.");
        }

        if (Offset < 0)
        {
            errors.Add($"{nameof(Offset)} must be 0 or more.");
        }

        if (StartDate.HasValue != EndDate.HasValue)
        {
            errors.Add($"{nameof(StartDate)} and {nameof(EndDate)} must be given together.");
        }
        else if (StartDate > EndDate)
        {
            errors.Add($"{nameof(StartDate)} must not be after {nameof(EndDate)}.");
        }

        if (CreatedSince >= CreatedBefore)
        {
            errors.Add($"{nameof(CreatedSince)} must be before {nameof(CreatedBefore)}.");
        }

        if (UpdatedSince >= UpdatedBefore)
        {
            errors.Add($"{nameof(UpdatedSince)} must be before {nameof(UpdatedBefore)}.");
        }

        if (Source is not null && (Source.Length is 0 or > 256 || Source.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))))
        {
            errors.Add($"{nameof(Source)} must be a source id of 1 to 256 characters without spaces or control characters.");
        }

        return errors;
    }
}
