namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// One human's demo data at one instant, generated on demand family by family: nothing is kept between requests,
/// and a request generates only the family it reads (at most a few thousand small records). Wellness families come
/// from the connected sources other than the medical one, medical families from the medical one; no source, no data.
/// Every list is newest first (then by id), so paging is stable.
/// </summary>
internal sealed class DemoData(DemoHuman human, DateTimeOffset now)
{
    public DemoHuman Human { get; } = human;

    public IReadOnlyList<DemoItem<Activity>> Activities(bool timeSeries) => Wellness(c => ActivityGenerator.Activities(c, timeSeries));

    public IReadOnlyList<DemoItem<ActivitySummary>> ActivitySummaries() => Wellness(ActivityGenerator.Summaries);

    public IReadOnlyList<DemoItem<Sleep>> Sleeps(bool timeSeries) => Wellness(c => SleepGenerator.Sleeps(c, timeSeries));

    public IReadOnlyList<DemoItem<SleepSummary>> SleepSummaries() => Wellness(SleepGenerator.Summaries);

    public IReadOnlyList<DemoItem<Reading>> HeartRate() => Wellness(ReadingGenerator.HeartRate);

    public IReadOnlyList<DemoItem<HeartRateSummary>> HeartRateSummaries() => Wellness(ReadingGenerator.HeartRateSummaries);

    public IReadOnlyList<DemoItem<BloodPressureReading>> BloodPressure() => Wellness(ReadingGenerator.BloodPressure);

    public IReadOnlyList<DemoItem<Reading>> Weight() => Wellness(ReadingGenerator.Weight);

    public IReadOnlyList<DemoItem<Medication>> Medications() => Medical(MedicalGenerator.Medications);

    public IReadOnlyList<DemoItem<Allergy>> Allergies() => Medical(MedicalGenerator.Allergies);

    public IReadOnlyList<DemoItem<Encounter>> Encounters() => Medical(MedicalGenerator.Encounters);

    public IReadOnlyList<DemoItem<MedicalOrganization>> Organizations() => Medical(MedicalGenerator.Organizations);

    public IReadOnlyList<DemoItem<MedicalProfile>> MedicalProfiles() => Medical(MedicalGenerator.Profile);

    public HumanProfile Profile() => new(Human.HumanId, Human.Email, DemoTime.Instant(Human.CreatedAt), DemoTime.Instant(Human.UpdatedAt),
        new DefaultTimeZone(Human.Zone.Name));

    /// <summary>
    /// The connected sources, in the sandbox's order. The sandbox does not record when each source was connected, so
    /// <c>connectedSince</c> is when the user was created; the history reaches back <see cref="DemoContext.HistoryDays"/> days.
    /// </summary>
    public IReadOnlyList<DemoItem<ConnectedSource>> Sources() => [.. Human.Sources.Select(source =>
    {
        var context = new DemoContext(Human, source, now);
        var id = context.Random("source").NextId();

        // Human API syncs every so often: the last sync is the latest quarter of an hour, but never before the connect.
        var synched = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.FromMinutes(15).Ticks), TimeSpan.Zero);
        synched = synched < Human.CreatedAt ? Human.CreatedAt : synched;
        var record = new ConnectedSource(id, source.Id, source.Name, DemoTime.Instant(Human.CreatedAt),
            new SyncStatus("ok", string.Empty, DemoTime.Instant(synched), DemoTime.Date(context.Today)),
            new HistorySync("completed", DemoTime.Date(context.FirstDay)));
        return new DemoItem<ConnectedSource>(record, id, source.Id, DemoTime.LocalDate(Human.CreatedAt, context.Offset),
            Human.CreatedAt, Human.CreatedAt, Human.UpdatedAt);
    })];

    /// <summary><c>GET /</c>: the latest of each measurement and summary, each left out when there is none.</summary>
    public HumanSummary Summary() => new(
        Human.HumanId,
        Latest(HeartRate()),
        Latest(BloodPressure()),
        BloodGlucose: null,
        BloodOxygen: null,
        Bmi: null,
        BodyFat: null,
        Height: null,
        Latest(Weight()),
        Latest(ActivitySummaries()),
        Latest(SleepSummaries()));

    private static T? Latest<T>(IReadOnlyList<DemoItem<T>> items)
        where T : class => items.Count > 0 ? items[0].Record : null;

    private List<DemoItem<T>> Wellness<T>(Func<DemoContext, IEnumerable<DemoItem<T>>> generate) =>
        Collect(Human.Sources.Where(source => !source.Medical), generate);

    private List<DemoItem<T>> Medical<T>(Func<DemoContext, IEnumerable<DemoItem<T>>> generate) =>
        Collect(Human.Sources.Where(source => source.Medical), generate);

    private List<DemoItem<T>> Collect<T>(IEnumerable<DemoSource> sources, Func<DemoContext, IEnumerable<DemoItem<T>>> generate) =>
        [.. sources.SelectMany(source => generate(new DemoContext(Human, source, now)))
            .OrderByDescending(item => item.Time)
            .ThenBy(item => item.Id, StringComparer.Ordinal)];
}
