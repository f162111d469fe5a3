namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// A wellness source's activities and daily activity summaries: a morning walk most days, a run or a ride on some,
/// and the steps of ordinary life in the summaries. Plausible, not physiological.
/// </summary>
internal static class ActivityGenerator
{
    private const string Family = "activities";

    /// <summary>Every activity of the history that exists by now.</summary>
    public static IEnumerable<DemoItem<Activity>> Activities(DemoContext context, bool timeSeries) =>
        context.Days.SelectMany(day => Day(context, day, timeSeries)).OfType<DemoItem<Activity>>();

    /// <summary>Every day's summary that exists by now: written a little after the local day ends.</summary>
    public static IEnumerable<DemoItem<ActivitySummary>> Summaries(DemoContext context) =>
        context.Days.Select(day => Summary(context, day)).OfType<DemoItem<ActivitySummary>>();

    private static DemoItem<ActivitySummary>? Summary(DemoContext context, DateOnly day)
    {
        // All of the day's activities, even those not synced yet: the summary is computed once, at the day's end.
        var activities = Day(context, day, timeSeries: false, includeUnsynced: true).Select(item => item!.Record).ToList();
        var random = context.Random("activity-summaries", day);
        var id = random.NextId();
        var everydaySteps = random.Between(1_800, 5_200, 0);
        var everydayDistance = Math.Round(everydaySteps * random.Between(0.68, 0.8, 3), 1);
        var everydaySeconds = random.Between(2.0, 4.5, 2) * 3_600;
        var resting = random.Between(1_450, 1_900, 1);
        var moderate = activities.Where(a => a.Type == "walking").Sum(a => a.Duration);
        var vigorous = activities.Where(a => a.Type != "walking").Sum(a => a.Duration);
        var light = Math.Round(everydaySeconds, 1);
        var sedentary = Math.Round(86_400 - light - moderate - vigorous - random.Between(6.5, 8.5, 2) * 3_600, 1);
        var synced = context.Synced(ref random, context.At(day.AddDays(1), 0));
        var summary = new ActivitySummary(
            id, context.HumanId, DemoTime.Date(day), context.Source.Id,
            Duration: Math.Round(light + moderate + vigorous, 3),
            Distance: Math.Round(everydayDistance + activities.Sum(a => a.Distance), 1),
            Steps: everydaySteps + activities.Sum(a => a.Steps),
            Calories: Math.Round(resting + activities.Sum(a => a.Calories), 1),
            sedentary, light, Math.Round(moderate, 3), Math.Round(vigorous, 3),
            context.SourceData("activity summary"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt));
        return context.Item(summary, id, day, context.At(day, 0), synced);
    }

    private static IEnumerable<DemoItem<Activity>?> Day(DemoContext context, DateOnly day, bool timeSeries, bool includeUnsynced = false)
    {
        var random = context.Random(Family, day);
        var walks = random.Chance(0.9);
        var runs = random.Chance(0.35);
        var rides = !runs && random.Chance(0.25);
        if (walks)
        {
            yield return One(context, day, ref random, "walking", random.Between(6.75, 9.0, 3), random.Between(15, 60, 2), timeSeries, includeUnsynced);
        }

        if (runs)
        {
            yield return One(context, day, ref random, "running", random.Between(17.5, 19.5, 3), random.Between(20, 55, 2), timeSeries, includeUnsynced);
        }

        if (rides)
        {
            yield return One(context, day, ref random, "cycling", random.Between(10.0, 16.0, 3), random.Between(30, 90, 2), timeSeries, includeUnsynced);
        }
    }

    private static DemoItem<Activity>? One(
        DemoContext context, DateOnly day, ref DemoRandom random, string type, double startHour, double minutes, bool timeSeries, bool includeUnsynced)
    {
        var id = random.NextId();
        var start = context.At(day, startHour);
        var duration = Math.Round((minutes * 60) + random.NextDouble(), 3);
        var end = start.AddMilliseconds(Math.Round(duration * 1_000));
        var (stepsPerMinute, metresPerStep, caloriesPerMinute) = type switch
        {
            "walking" => (random.Between(95, 120, 1), random.Between(0.7, 0.82, 3), random.Between(3.5, 5.0, 2)),
            "running" => (random.Between(150, 175, 1), random.Between(1.0, 1.25, 3), random.Between(9.0, 12.5, 2)),
            _ => (0.0, 0.0, random.Between(6.5, 10.0, 2)),
        };
        var steps = Math.Round(stepsPerMinute * duration / 60);
        var distance = type == "cycling"
            ? Math.Round(random.Between(4.5, 7.5, 2) * duration, 1)
            : Math.Round(steps * metresPerStep, 1);
        var calories = Math.Round(caloriesPerMinute * duration / 60, 1);
        var synced = context.Synced(ref random, end);
        var activity = new Activity(
            id, context.HumanId, DemoTime.Instant(start), DemoTime.Instant(end), context.TzOffset, type, context.Source.Id,
            duration, distance, steps, calories, context.SourceData("activity"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt),
            timeSeries ? Series(start, duration, steps, distance, calories, id) : null);
        return includeUnsynced
            ? new DemoItem<Activity>(activity, id, context.Source.Id, day, start, synced.CreatedAt, synced.UpdatedAt)
            : context.Item(activity, id, day, start, synced);
    }

    /// <summary>The activity split into five-minute points, uneven but adding up to its totals.</summary>
    private static ActivityTimeSeries Series(DateTimeOffset start, double duration, double steps, double distance, double calories, string id)
    {
        var random = DemoRandom.For(id, "time-series");
        var count = Math.Max(1, (int)Math.Ceiling(duration / 300));
        var weights = Enumerable.Range(0, count).Select(_ => 0.6 + random.NextDouble()).ToArray();
        var total = weights.Sum();
        TimeSeriesPoint[] Split(double amount, int decimals) =>
            [.. weights.Select((weight, i) => new TimeSeriesPoint(DemoTime.Instant(start.AddMinutes(5 * i)), Math.Round(amount * weight / total, decimals)))];
        return new ActivityTimeSeries(Split(steps, 0), Split(distance, 1), Split(calories, 2));
    }
}
