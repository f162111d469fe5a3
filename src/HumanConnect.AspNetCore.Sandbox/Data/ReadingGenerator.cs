namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// A wellness source's measurements: heart rate four times a day (and its daily summaries), blood pressure a few
/// mornings a week, weight every other morning or so. Each human has their own resting heart rate and weight.
/// </summary>
internal static class ReadingGenerator
{
    private static readonly double[] HeartRateHours = [7, 12.5, 17.5, 22];

    /// <summary>Every heart-rate reading of the history that exists by now.</summary>
    public static IEnumerable<DemoItem<Reading>> HeartRate(DemoContext context) =>
        context.Days.SelectMany(day => HeartRateDay(context, day)).Where(item => item.CreatedAt <= context.Now);

    /// <summary>Every day's heart-rate summary that exists by now: written with the day's last reading.</summary>
    public static IEnumerable<DemoItem<HeartRateSummary>> HeartRateSummaries(DemoContext context) =>
        context.Days.Select(day => HeartRateSummary(context, day)).OfType<DemoItem<HeartRateSummary>>();

    public static IEnumerable<DemoItem<BloodPressureReading>> BloodPressure(DemoContext context) =>
        context.Days.Select(day => BloodPressureDay(context, day)).OfType<DemoItem<BloodPressureReading>>();

    public static IEnumerable<DemoItem<Reading>> Weight(DemoContext context)
    {
        var baseline = context.Random("weight").Between(55, 98, 1);
        return context.Days.Select(day => WeightDay(context, day, baseline)).OfType<DemoItem<Reading>>();
    }

    private static double RestingHeartRate(DemoContext context) => context.Random("heart_rate").Between(52, 72, 1);

    private static IEnumerable<DemoItem<Reading>> HeartRateDay(DemoContext context, DateOnly day)
    {
        var resting = RestingHeartRate(context);
        var random = context.Random("heart_rate", day);
        foreach (var hour in HeartRateHours)
        {
            var id = random.NextId();
            var at = context.At(day, hour + random.Between(-0.75, 0.75, 3));
            var value = Math.Round(resting + (hour is > 8 and < 21 ? random.Between(4, 28, 1) : random.Between(-3, 6, 1)));
            var synced = context.Synced(ref random, at);
            var reading = new Reading(id, context.HumanId, DemoTime.Instant(at), context.TzOffset, value, "bpm", context.Source.Id,
                context.SourceData("heart rate"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt));
            yield return new DemoItem<Reading>(reading, id, context.Source.Id, day, at, synced.CreatedAt, synced.UpdatedAt);
        }
    }

    private static DemoItem<HeartRateSummary>? HeartRateSummary(DemoContext context, DateOnly day)
    {
        var readings = HeartRateDay(context, day).ToList();
        var random = context.Random("heart_rate-summaries", day);
        var id = random.NextId();
        var values = readings.Select(r => r.Record.Value).ToList();
        var last = readings.MaxBy(r => r.CreatedAt)!;
        var summary = new HeartRateSummary(
            id, context.HumanId, DemoTime.Date(day), context.Source.Id,
            Math.Round(RestingHeartRate(context) + random.Between(-2.5, 2.5, 1), 1), Math.Round(values.Average(), 1), values.Min(), values.Max(),
            "bpm", context.SourceData("heart rate summary"), DemoTime.Instant(last.CreatedAt), DemoTime.Instant(last.UpdatedAt));
        return context.Item(summary, id, day, context.At(day, 0), (last.CreatedAt, last.UpdatedAt));
    }

    private static DemoItem<BloodPressureReading>? BloodPressureDay(DemoContext context, DateOnly day)
    {
        var random = context.Random("blood_pressure", day);
        if (!random.Chance(0.4))
        {
            return null;
        }

        var id = random.NextId();
        var at = context.At(day, random.Between(7.0, 8.5, 3));
        var systolic = random.Between(108, 136, 0);
        var diastolic = random.Between(68, 89, 0);
        double? heartRate = random.Chance(0.8) ? random.Between(58, 82, 0) : null;
        var synced = context.Synced(ref random, at);
        var reading = new BloodPressureReading(id, context.HumanId, DemoTime.Instant(at), context.TzOffset, systolic, diastolic, heartRate, "mmHg",
            context.Source.Id, context.SourceData("blood pressure"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt));
        return context.Item(reading, id, day, at, synced);
    }

    private static DemoItem<Reading>? WeightDay(DemoContext context, DateOnly day, double baseline)
    {
        var random = context.Random("weight", day);
        if (!random.Chance(0.55))
        {
            return null;
        }

        var id = random.NextId();
        var at = context.At(day, random.Between(6.25, 7.75, 3));

        // A slow drift over weeks plus day-to-day noise, anchored to the calendar so it slides with the history.
        var drift = Math.Sin(day.DayNumber / 19.0) * 0.9;
        var value = Math.Round(baseline + drift + random.Between(-0.4, 0.4, 2), 1);
        var synced = context.Synced(ref random, at);
        var reading = new Reading(id, context.HumanId, DemoTime.Instant(at), context.TzOffset, value, "kg", context.Source.Id,
            context.SourceData("weight"), DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt));
        return context.Item(reading, id, day, at, synced);
    }
}
