using HumanConnect.AspNetCore;

namespace HumanConnect.SampleHost.Dashboard;

/// <summary>One day of the steps chart; <see cref="Steps"/> is <see langword="null"/> when no source reported the day.</summary>
internal sealed record DaySteps(DateOnly Day, double? Steps);

/// <summary>Steps per day over a window of consecutive days, oldest first, every day present (with or without data).</summary>
internal sealed class StepsHistory
{
    private StepsHistory(IReadOnlyList<DaySteps> days)
    {
        Days = days;
        var reported = days.Where(d => d.Steps.HasValue).ToList();
        DaysWithData = reported.Count;
        Average = reported.Count == 0 ? null : reported.Average(d => d.Steps!.Value);
        Most = reported.MaxBy(d => d.Steps);
        Fewest = reported.MinBy(d => d.Steps);
    }

    public IReadOnlyList<DaySteps> Days { get; }

    public DateOnly First => Days[0].Day;

    public DateOnly Last => Days[^1].Day;

    public int DaysWithData { get; }

    public double? Average { get; }

    public DaySteps? Most { get; }

    public DaySteps? Fewest { get; }

    /// <summary>
    /// The <paramref name="dayCount"/> days that end on the latest day a summary reports (never after
    /// <paramref name="latestPossible"/>), or on <paramref name="fallbackLast"/> when there is none. The window follows
    /// the data rather than the server's clock: the user's day may be ahead of or behind the server's, and a source
    /// writes a day's summary only once the day is over.
    /// </summary>
    /// <remarks>
    /// Each source that counts steps writes its own summary of a day. A phone and a watch count the same walk, so
    /// adding them up would double it: a day shows the largest count any source reported.
    /// </remarks>
    public static StepsHistory From(IEnumerable<HumanActivitySummary> summaries, int dayCount, DateOnly latestPossible, DateOnly fallbackLast)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayCount, 1);
        var byDay = summaries
            .Where(s => s.Date is { } day && day <= latestPossible && s.Steps is >= 0)
            .GroupBy(s => s.Date!.Value)
            .ToDictionary(g => g.Key, g => g.Max(s => s.Steps!.Value));
        var last = byDay.Count == 0 ? fallbackLast : byDay.Keys.Max();
        var first = last.AddDays(1 - dayCount);
        return new StepsHistory([.. Enumerable.Range(0, dayCount)
            .Select(first.AddDays)
            .Select(day => new DaySteps(day, byDay.TryGetValue(day, out var steps) ? steps : null))]);
    }
}
