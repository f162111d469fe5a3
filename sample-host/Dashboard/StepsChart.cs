using System.Globalization;

namespace HumanConnect.SampleHost.Dashboard;

/// <summary>One bar of the chart, in the SVG's user units, with what its tooltip and the table say.</summary>
internal sealed record ChartBar(string X, string Y, string Width, string Height, DaySteps Day, string Label)
{
    public bool Missing => Day.Steps is null;
}

/// <summary>A labelled position on an axis, in user units, and how the label sits on it (SVG's <c>text-anchor</c>).</summary>
internal sealed record ChartTick(string Position, string Label, string Anchor = "middle");

/// <summary>
/// The geometry of the steps chart, computed on the server: the page writes it as SVG with no script and no inline
/// style (the sample's CSP has <c>style-src 'self'</c>), only coordinates; colours and fonts are in site.css.
/// </summary>
internal sealed class StepsChart
{
    public const int ViewWidth = 640;
    public const int ViewHeight = 250;

    // Room for the axis labels: steps on the left, days below.
    private const double Left = 58;
    private const double Right = 4;
    private const double Top = 14;
    private const double Bottom = 34;
    private const double PlotWidth = ViewWidth - Left - Right;
    private const double PlotHeight = ViewHeight - Top - Bottom;

    // A day without data still gets a sliver of a bar, so the gap reads as "nothing reported", not as a layout fault.
    private const double MissingHeight = 3;

    private static readonly double[] Steps = [1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000, 50_000, 100_000];

    private StepsChart(StepsHistory history)
    {
        History = history;
        var highest = history.Days.Max(d => d.Steps) ?? 0;
        var step = Steps.FirstOrDefault(s => highest <= s * 4, Steps[^1]);
        var top = Math.Max(step, Math.Ceiling(highest / step) * step);

        var slot = PlotWidth / history.Days.Count;
        var barWidth = slot * 0.7;
        Bars = [.. history.Days.Select((day, i) =>
        {
            var height = day.Steps is { } steps ? PlotHeight * steps / top : MissingHeight;
            var label = day.Steps is { } count ? $"{DisplayFormat.Day(day.Day)}: {DisplayFormat.Count(count)} steps" : $"{DisplayFormat.Day(day.Day)}: no data";
            return new ChartBar(N(Left + (i * slot) + ((slot - barWidth) / 2)), N(Baseline - height), N(barWidth), N(height), day, label);
        })];

        YTicks = [.. Enumerable.Range(0, (int)Math.Round(top / step) + 1)
            .Select(i => new ChartTick(N(Baseline - (PlotHeight * i * step / top)), DisplayFormat.Thousands(i * step)))];

        // A label every seven days, counted back from the last, so the most recent day is always named; the last
        // label ends where its bar ends, so it is never cut off at the chart's edge.
        var last = history.Days.Count - 1;
        XTicks = [.. Enumerable.Range(0, history.Days.Count)
            .Where(i => (last - i) % 7 == 0)
            .Select(i => i == last
                ? new ChartTick(N(Left + (i * slot) + ((slot + barWidth) / 2)), DayLabel(history.Days[i].Day), "end")
                : new ChartTick(N(Left + (i * slot) + (slot / 2)), DayLabel(history.Days[i].Day)))];

        if (history.Average is { } average)
        {
            AverageY = N(Baseline - (PlotHeight * average / top));
        }
    }

    public StepsHistory History { get; }

    public IReadOnlyList<ChartBar> Bars { get; }

    public IReadOnlyList<ChartTick> YTicks { get; }

    public IReadOnlyList<ChartTick> XTicks { get; }

    /// <summary>Where the dashed average line runs (the caption below the chart says what it is); <see langword="null"/> when no day has data.</summary>
    public string? AverageY { get; }

    public static string ViewBox => $"0 0 {ViewWidth} {ViewHeight}";

    public static string PlotLeft => N(Left);

    public static string PlotRight => N(ViewWidth - Right);

    public static string BaselineY => N(Baseline);

    /// <summary>Where the day labels sit, below the bars.</summary>
    public static string DayLabelY => N(Baseline + 20);

    /// <summary>Where the step labels end, left of the bars.</summary>
    public static string StepLabelX => N(Left - 8);

    public string Title => $"Steps per day, {DisplayFormat.Day(History.First)} to {DisplayFormat.Day(History.Last)}";

    /// <summary>What a screen reader hears for the whole chart; the hidden table beside it has every day.</summary>
    public string Description
    {
        get
        {
            var days = History.Days.Count;
            if (History.Average is not { } average)
            {
                return $"No source reported steps on any of these {days} days.";
            }

            var text = $"Bar chart of {days} days, from {DisplayFormat.LongDay(History.First)} to {DisplayFormat.LongDay(History.Last)}. " +
                $"On average {DisplayFormat.Count(average)} steps a day; the most, {DisplayFormat.Count(History.Most!.Steps!.Value)}, on " +
                $"{DisplayFormat.Day(History.Most.Day)}; the fewest, {DisplayFormat.Count(History.Fewest!.Steps!.Value)}, on {DisplayFormat.Day(History.Fewest.Day)}.";
            var missing = days - History.DaysWithData;
            return missing == 0 ? text : text + $" {missing} {(missing == 1 ? "day has" : "days have")} no data.";
        }
    }

    private static double Baseline => Top + PlotHeight;

    public static StepsChart For(StepsHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return new StepsChart(history);
    }

    private static string DayLabel(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    /// <summary>A coordinate as SVG wants it: a dot for decimals whatever the server's culture, two places at most.</summary>
    private static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);
}
