namespace HumanConnect.AspNetCore;

/// <summary>A list of one kind of record of one user: read a page, all of them as a stream, or one by id.</summary>
/// <typeparam name="T">The record.</typeparam>
public interface IHumanRecordData<T>
{
    /// <summary>One page of the list; <see cref="HumanDataPage{T}.Items"/> is empty when there are none.</summary>
    /// <param name="query">Paging and filters; <see langword="null"/> for Human API's defaults (the first 50).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, or a failure.</returns>
    Task<HumanDataResult<HumanDataPage<T>>> ListAsync(HumanDataQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every record the query matches, from <paramref name="query"/>'s offset to the end, read one page at a time as the
    /// enumeration goes on (following Human API's <c>Link rel="next"</c>, or else the offset and <c>X-Total-Count</c>), so
    /// at most one page is held in memory. Nothing is called until the enumeration starts.
    /// </summary>
    /// <param name="query">Paging and filters; its <see cref="HumanDataQuery.Limit"/> is the page size.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The records.</returns>
    /// <exception cref="HumanDataException">A page could not be read (its <see cref="HumanDataException.Failure"/> says why), or the query is invalid.</exception>
    IAsyncEnumerable<T> StreamAsync(HumanDataQuery? query = null, CancellationToken cancellationToken = default);

    /// <summary>One record by its id.</summary>
    /// <param name="id">The record's id, as Human API gave it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, <see cref="HumanDataFailure.NotFound"/> when there is none with that id, or another failure.</returns>
    Task<HumanDataResult<T>> GetAsync(string id, CancellationToken cancellationToken = default);
}

/// <summary>A list of records that can also be read by day.</summary>
/// <typeparam name="T">The record.</typeparam>
public interface IHumanDailyData<T> : IHumanRecordData<T>
{
    /// <summary>One page of the records of one day.</summary>
    /// <param name="day">The day.</param>
    /// <param name="query">Paging and filters (a date range makes no sense here).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, or a failure.</returns>
    Task<HumanDataResult<HumanDataPage<T>>> ListDailyAsync(DateOnly day, HumanDataQuery? query = null, CancellationToken cancellationToken = default);
}

/// <summary>Daily summaries: a list, by id, or those of one date.</summary>
/// <typeparam name="T">The summary.</typeparam>
public interface IHumanSummaryData<T> : IHumanRecordData<T>
{
    /// <summary>The summaries of one date (one per source); an empty list when there are none.</summary>
    /// <param name="day">The day.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summaries, or a failure.</returns>
    Task<HumanDataResult<IReadOnlyList<T>>> GetForDateAsync(DateOnly day, CancellationToken cancellationToken = default);
}

/// <summary>Records that happen over a time (activities, sleeps), with their daily summaries.</summary>
/// <typeparam name="T">The record.</typeparam>
/// <typeparam name="TSummary">Its daily summary.</typeparam>
public interface IHumanPeriodicData<T, TSummary> : IHumanDailyData<T>
{
    /// <summary>The daily summaries.</summary>
    IHumanSummaryData<TSummary> Summaries { get; }
}

/// <summary>
/// The readings of one measurement: the latest value, the readings (<c>/readings</c>), one by id, those of a day.
/// </summary>
public interface IHumanMeasurementData : IHumanDailyData<HumanMeasurement>
{
    /// <summary>The latest reading.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reading, a success with a <see langword="null"/> value when there is none (Human API answers <c>{}</c>), or a failure.</returns>
    Task<HumanDataResult<HumanMeasurement?>> GetLatestAsync(CancellationToken cancellationToken = default);
}
