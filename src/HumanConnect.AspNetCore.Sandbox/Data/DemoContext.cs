namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// One source of one human, seen at one instant: the days its data covers (the 90 local days up to today), its
/// seeds, and when a record counts as synced. A day's records depend only on the humanId, the source, the family
/// and the day, never on the clock, so the data slides with time without changing what was already there; the clock
/// only decides which records exist yet (created by now) and whether a later update has happened.
/// </summary>
internal sealed class DemoContext
{
    /// <summary>How many local days of history each wellness source holds, today included.</summary>
    public const int HistoryDays = 90;

    public DemoContext(DemoHuman human, DemoSource source, DateTimeOffset now)
    {
        Human = human;
        Source = source;
        Now = now;
        Offset = human.Zone.Offset;
        TzOffset = DemoTime.Offset(Offset);
        Today = DemoTime.LocalDate(now, Offset);
        FirstDay = Today.AddDays(1 - HistoryDays);
    }

    public DemoHuman Human { get; }

    public DemoSource Source { get; }

    public DateTimeOffset Now { get; }

    public TimeSpan Offset { get; }

    public string TzOffset { get; }

    public DateOnly Today { get; }

    public DateOnly FirstDay { get; }

    public string HumanId => Human.HumanId;

    /// <summary>Every day of history, oldest first.</summary>
    public IEnumerable<DateOnly> Days => Enumerable.Range(0, HistoryDays).Select(FirstDay.AddDays);

    /// <summary>The seed of one family's records on one day.</summary>
    public DemoRandom Random(string family, DateOnly day) => DemoRandom.For(Human.HumanId, Source.Id, family, DemoTime.Date(day));

    /// <summary>The seed of what holds across days: a human's resting heart rate, weight, medications.</summary>
    public DemoRandom Random(string family) => DemoRandom.For(Human.HumanId, Source.Id, family);

    public DateTimeOffset At(DateOnly day, double localHours) => DemoTime.At(day, localHours, Offset);

    public DemoSourceData SourceData(string recordType) => new(Source.Medical ? "Starfleet Medical Records" : "Starfleet Tricorder T2", recordType);

    /// <summary>
    /// When a record that ended at <paramref name="end"/> reached Human API (a few minutes to an hour and a half
    /// later), and, for about one in seven, a re-sync a day or three after that, which counts only once it has
    /// happened. The draws never depend on the clock, so the same record always gets the same times.
    /// </summary>
    public (DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) Synced(ref DemoRandom random, DateTimeOffset end)
    {
        var created = DemoTime.Plus(end, random.Between(4, 90, 3));
        var resynced = random.Chance(0.15);
        var later = DemoTime.Plus(created, random.Between(1_440, 4_320, 3));
        return (created, resynced && later <= Now ? later : created);
    }

    /// <summary>Wraps a record for the data API, or <see langword="null"/> when it has not been created yet.</summary>
    public DemoItem<T>? Item<T>(T record, string id, DateOnly day, DateTimeOffset time, (DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt) synced) =>
        synced.CreatedAt <= Now ? new DemoItem<T>(record, id, Source.Id, day, time, synced.CreatedAt, synced.UpdatedAt) : null;
}
