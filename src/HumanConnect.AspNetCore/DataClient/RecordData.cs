using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>A list of records at <see cref="DataPath.List"/>: a page, a stream, one by id.</summary>
internal class RecordData<T>(UserDataReader reader, DataPath path, JsonTypeInfo<T> one, JsonTypeInfo<List<T>> many) : IHumanRecordData<T>
{
    protected UserDataReader Reader => reader;

    protected DataPath Path => path;

    protected JsonTypeInfo<List<T>> Many => many;

    public Task<HumanDataResult<HumanDataPage<T>>> ListAsync(HumanDataQuery? query = null, CancellationToken cancellationToken = default) =>
        reader.GetPageAsync(path.List, path.List, path, query, many, cancellationToken);

    public IAsyncEnumerable<T> StreamAsync(HumanDataQuery? query = null, CancellationToken cancellationToken = default) =>
        reader.StreamAsync(path.List, path.List, path, query, many, cancellationToken);

    public Task<HumanDataResult<T>> GetAsync(string id, CancellationToken cancellationToken = default) =>
        reader.GetByIdAsync(path, id, one, cancellationToken);
}

/// <summary>Records that can be read by day at <see cref="DataPath.Daily"/>.</summary>
internal class DailyData<T>(UserDataReader reader, DataPath path, JsonTypeInfo<T> one, JsonTypeInfo<List<T>> many)
    : RecordData<T>(reader, path, one, many), IHumanDailyData<T>
{
    public Task<HumanDataResult<HumanDataPage<T>>> ListDailyAsync(DateOnly day, HumanDataQuery? query = null, CancellationToken cancellationToken = default) =>
        Reader.GetPageAsync(Path.DailyOperation, Path.DailyOn(day), Path, query, Many, cancellationToken);
}

/// <summary>Daily summaries: those of a date at <c>{list}/{yyyy-MM-dd}</c>, one or several (a 404 there is none).</summary>
internal sealed class SummaryData<T>(
    UserDataReader reader, DataPath path, JsonTypeInfo<T> one, JsonTypeInfo<List<T>> many, JsonTypeInfo<OneOrMany<T>> ofDate)
    : RecordData<T>(reader, path, one, many), IHumanSummaryData<T>
{
    public Task<HumanDataResult<IReadOnlyList<T>>> GetForDateAsync(DateOnly day, CancellationToken cancellationToken = default) =>
        Reader.GetListAsync(Path.OnDateOperation, Path.OnDate(day), ofDate, static answer => answer.Items, cancellationToken, notFoundIsNone: true);
}

/// <summary>Activities or sleeps, with their summaries.</summary>
internal sealed class PeriodicData<T, TSummary>(
    UserDataReader reader, DataPath path, JsonTypeInfo<T> one, JsonTypeInfo<List<T>> many, IHumanSummaryData<TSummary> summaries)
    : DailyData<T>(reader, path, one, many), IHumanPeriodicData<T, TSummary>
{
    public IHumanSummaryData<TSummary> Summaries => summaries;
}

/// <summary>One measurement: its readings, and its latest value at <c>{type}</c>.</summary>
internal sealed class MeasurementData(UserDataReader reader, string measurement)
    : DailyData<HumanMeasurement>(reader, HumanDataPaths.Readings(measurement),
        HumanDataJsonContext.Default.HumanMeasurement, HumanDataJsonContext.Default.ListHumanMeasurement), IHumanMeasurementData
{
    public Task<HumanDataResult<HumanMeasurement?>> GetLatestAsync(CancellationToken cancellationToken = default) =>
        Reader.GetOptionalAsync(measurement, HumanDataPaths.Latest(measurement), HumanDataJsonContext.Default.HumanMeasurement,
            notFoundIsNone: false, cancellationToken);
}
