namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// A wellness source's sleeps and daily sleep summaries: the night before each day (its <c>day</c> is the morning's
/// date), and now and then an afternoon nap.
/// </summary>
internal static class SleepGenerator
{
    private static readonly string[] Stages = ["light", "deep", "light", "rem"];

    /// <summary>Every sleep of the history that exists by now.</summary>
    public static IEnumerable<DemoItem<Sleep>> Sleeps(DemoContext context, bool timeSeries) =>
        context.Days.SelectMany(day => Day(context, day, timeSeries)).Where(item => item.CreatedAt <= context.Now);

    /// <summary>Every day's summary that exists by now: written with the day's last sleep.</summary>
    public static IEnumerable<DemoItem<SleepSummary>> Summaries(DemoContext context) =>
        context.Days.Select(day => Summary(context, day)).OfType<DemoItem<SleepSummary>>();

    private static DemoItem<SleepSummary>? Summary(DemoContext context, DateOnly day)
    {
        var sleeps = Day(context, day, timeSeries: false).ToList();
        var random = context.Random("sleep-summaries", day);
        var id = random.NextId();
        var inBed = sleeps.Sum(s => s.Record.TimeInBed);
        var asleep = sleeps.Sum(s => s.Record.TimeAsleep);
        var latest = sleeps.MaxBy(s => s.CreatedAt)!;
        var synced = (latest.CreatedAt, latest.UpdatedAt);
        var summary = new SleepSummary(
            id, context.HumanId, DemoTime.Date(day), context.Source.Id, Math.Round(asleep, 1),
            Math.Round(sleeps.Sum(s => s.Record.TimeAwake), 1), Math.Round(inBed, 1), Math.Round(100 * asleep / inBed, 1),
            sleeps.Count, context.SourceData("sleep summary"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt));
        return context.Item(summary, id, day, context.At(day, 0), synced);
    }

    /// <summary>The day's sleeps, synced or not (the callers decide).</summary>
    private static IEnumerable<DemoItem<Sleep>> Day(DemoContext context, DateOnly day, bool timeSeries)
    {
        var random = context.Random("sleeps", day);
        var napped = random.Chance(0.12);
        yield return One(context, day, ref random, mainSleep: true, startHour: random.Between(-2.0, 0.75, 3), inBedMinutes: random.Between(390, 540, 1), timeSeries);
        if (napped)
        {
            yield return One(context, day, ref random, mainSleep: false, startHour: random.Between(13.5, 15.5, 3), inBedMinutes: random.Between(20, 55, 1), timeSeries);
        }
    }

    private static DemoItem<Sleep> One(
        DemoContext context, DateOnly day, ref DemoRandom random, bool mainSleep, double startHour, double inBedMinutes, bool timeSeries)
    {
        var id = random.NextId();
        var start = context.At(day, startHour);
        var end = DemoTime.Plus(start, inBedMinutes);
        var toFallAsleep = random.Between(mainSleep ? 4 : 2, mainSleep ? 25 : 8, 1);
        var afterWakeup = random.Between(0, mainSleep ? 15 : 3, 1);
        var awake = random.Between(mainSleep ? 8 : 0, mainSleep ? 45 : 4, 1);
        var asleep = Math.Round(inBedMinutes - toFallAsleep - afterWakeup - awake, 1);
        var synced = context.Synced(ref random, end);
        var sleep = new Sleep(
            id, context.HumanId, DemoTime.Date(day), DemoTime.Instant(start), DemoTime.Instant(end), context.TzOffset, context.Source.Id,
            mainSleep, asleep, awake, inBedMinutes, toFallAsleep, afterWakeup, Math.Round(100 * asleep / inBedMinutes, 1),
            context.SourceData("sleep"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt),
            timeSeries ? Series(start, inBedMinutes, toFallAsleep, afterWakeup, id) : null);
        return new DemoItem<Sleep>(sleep, id, context.Source.Id, day, start, synced.CreatedAt, synced.UpdatedAt);
    }

    /// <summary>Awake while falling asleep, then cycles of light, deep, light and REM, then awake again.</summary>
    private static SleepTimeSeries Series(DateTimeOffset start, double inBed, double toFallAsleep, double afterWakeup, string id)
    {
        var random = DemoRandom.For(id, "time-series");
        var points = new List<SleepStagePoint> { new(DemoTime.Instant(start), "awake") };
        var at = toFallAsleep;
        for (var stage = 0; at < inBed - afterWakeup; stage++)
        {
            points.Add(new SleepStagePoint(DemoTime.Instant(DemoTime.Plus(start, at)), Stages[stage % Stages.Length]));
            at += random.Between(10, 40, 1);
        }

        points.Add(new SleepStagePoint(DemoTime.Instant(DemoTime.Plus(start, inBed - afterWakeup)), "awake"));
        return new SleepTimeSeries([.. points]);
    }
}
