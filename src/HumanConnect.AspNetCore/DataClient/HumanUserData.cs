using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Upstream;
using static HumanConnect.AspNetCore.Upstream.HumanDataPaths;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>One user's data, by family; every family reads through the same <see cref="UserDataReader"/>.</summary>
internal sealed class HumanUserData : IHumanUserData
{
    private static readonly HumanDataJsonContext Json = HumanDataJsonContext.Default;

    private readonly UserDataReader _reader;

    public HumanUserData(string localUserId, HumanDataFlow flow)
    {
        var reader = _reader = new UserDataReader(localUserId, flow);
        HeartRate = new MeasurementData(reader, Measurements.HeartRate);
        BloodPressure = new MeasurementData(reader, Measurements.BloodPressure);
        BloodGlucose = new MeasurementData(reader, Measurements.BloodGlucose);
        BloodOxygen = new MeasurementData(reader, Measurements.BloodOxygen);
        Bmi = new MeasurementData(reader, Measurements.Bmi);
        BodyFat = new MeasurementData(reader, Measurements.BodyFat);
        Height = new MeasurementData(reader, Measurements.Height);
        Weight = new MeasurementData(reader, Measurements.Weight);
        Activities = new PeriodicData<HumanActivity, HumanActivitySummary>(
            reader, Periodic("activities", timeSeries: true), Json.HumanActivity, Json.ListHumanActivity,
            new SummaryData<HumanActivitySummary>(reader, Summaries("activities"),
                Json.HumanActivitySummary, Json.ListHumanActivitySummary, Json.OneOrManyHumanActivitySummary));
        Sleeps = new PeriodicData<HumanSleep, HumanSleepSummary>(
            reader, Periodic("sleeps", timeSeries: true), Json.HumanSleep, Json.ListHumanSleep,
            new SummaryData<HumanSleepSummary>(reader, Summaries("sleeps"),
                Json.HumanSleepSummary, Json.ListHumanSleepSummary, Json.OneOrManyHumanSleepSummary));
        HeartRateSummaries = new SummaryData<HumanHeartRateSummary>(reader, Summaries(Measurements.HeartRate),
            Json.HumanHeartRateSummary, Json.ListHumanHeartRateSummary, Json.OneOrManyHumanHeartRateSummary);
        Locations = new DailyData<HumanLocation>(reader, Periodic("locations", timeSeries: false), Json.HumanLocation, Json.ListHumanLocation);
        Medical = new MedicalData(reader);
    }

    public string LocalUserId => _reader.LocalUserId;

    public IHumanMeasurementData HeartRate { get; }

    public IHumanMeasurementData BloodPressure { get; }

    public IHumanMeasurementData BloodGlucose { get; }

    public IHumanMeasurementData BloodOxygen { get; }

    public IHumanMeasurementData Bmi { get; }

    public IHumanMeasurementData BodyFat { get; }

    public IHumanMeasurementData Height { get; }

    public IHumanMeasurementData Weight { get; }

    public IHumanPeriodicData<HumanActivity, HumanActivitySummary> Activities { get; }

    public IHumanPeriodicData<HumanSleep, HumanSleepSummary> Sleeps { get; }

    public IHumanSummaryData<HumanHeartRateSummary> HeartRateSummaries { get; }

    public IHumanDailyData<HumanLocation> Locations { get; }

    public IHumanMedicalData Medical { get; }

    public Task<HumanDataResult<HumanProfile>> GetProfileAsync(CancellationToken cancellationToken = default) =>
        _reader.GetAsync(Profile, Profile, Json.HumanProfile, cancellationToken);

    public async Task<HumanDataResult<HumanSummary>> GetSummaryAsync(CancellationToken cancellationToken = default)
    {
        var result = await _reader.GetAsync(SummaryOperation, Summary, Json.HumanSummary, cancellationToken);
        return result.Succeeded ? HumanDataResult<HumanSummary>.Success(EmptyRecords.WithoutEmpties(result.Value!)) : result;
    }

    public Task<HumanDataResult<IReadOnlyList<HumanSource>>> GetSourcesAsync(CancellationToken cancellationToken = default) =>
        _reader.GetListAsync(Sources, Sources, Json.ListHumanSource, static sources => sources, cancellationToken);
}
