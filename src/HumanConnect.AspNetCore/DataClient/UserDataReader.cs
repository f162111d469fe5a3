using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>
/// The reads every family is made of, for one user: validate what goes into the request, read through
/// <see cref="HumanDataFlow"/>, and turn the answer into a <see cref="HumanDataResult{T}"/>.
/// </summary>
internal sealed partial class UserDataReader(string localUserId, HumanDataFlow flow)
{
    public string LocalUserId => localUserId;

    /// <summary>One object at <paramref name="path"/>.</summary>
    public async Task<HumanDataResult<T>> GetAsync<T>(string operation, string path, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var answer = await flow.ReadAsync(localUserId, operation, path, type, cancellationToken);
        return answer.Succeeded ? HumanDataResult<T>.Success(answer.Value!) : Failed<T, T>(answer);
    }

    /// <summary>One record by id, the id checked first.</summary>
    public Task<HumanDataResult<T>> GetByIdAsync<T>(DataPath path, string id, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        UrlSegment.IsSafe(id)
            ? GetAsync(path.ByIdOperation, path.ById(id), type, cancellationToken)
            : Task.FromResult(Invalid<T>(path.ByIdOperation, [QueryRules.InvalidId]));

    /// <summary>One object that may not exist: <c>{}</c> (and, when <paramref name="notFoundIsNone"/>, a 404) is a success with no value.</summary>
    public async Task<HumanDataResult<T?>> GetOptionalAsync<T>(
        string operation, string path, JsonTypeInfo<T> type, bool notFoundIsNone, CancellationToken cancellationToken)
        where T : class, new()
    {
        var answer = await flow.ReadAsync(localUserId, operation, path, type, cancellationToken);
        if (answer.Succeeded)
        {
            return HumanDataResult<T?>.Success(EmptyRecords.NullIfEmpty(answer.Value));
        }

        return notFoundIsNone && answer.Failure == HumanDataFailure.NotFound ? HumanDataResult<T?>.Success(null) : Failed<T, T?>(answer);
    }

    /// <summary>One page of a list, the query checked first.</summary>
    public async Task<HumanDataResult<HumanDataPage<T>>> GetPageAsync<T>(
        string operation, string path, DataPath family, HumanDataQuery? query, JsonTypeInfo<List<T>> type, CancellationToken cancellationToken)
    {
        if (QueryRules.Check(query, family) is { Count: > 0 } errors)
        {
            return Invalid<HumanDataPage<T>>(operation, errors);
        }

        var answer = await flow.ReadAsync(localUserId, operation, path + HumanDataQueryString.For(query), type, cancellationToken);
        return answer.Succeeded
            ? HumanDataResult<HumanDataPage<T>>.Success(DataPages.From(answer, query?.Offset ?? 0, query?.Limit))
            : Failed<List<T>, HumanDataPage<T>>(answer);
    }

    /// <summary>A list that is not paged (sources) or may be one record (a date's summaries; then a 404 is an empty list).</summary>
    public async Task<HumanDataResult<IReadOnlyList<T>>> GetListAsync<TWire, T>(
        string operation, string path, JsonTypeInfo<TWire> type, Func<TWire, List<T>> items, CancellationToken cancellationToken,
        bool notFoundIsNone = false)
    {
        var answer = await flow.ReadAsync(localUserId, operation, path, type, cancellationToken);
        if (answer.Succeeded)
        {
            return HumanDataResult<IReadOnlyList<T>>.Success(items(answer.Value!));
        }

        return notFoundIsNone && answer.Failure == HumanDataFailure.NotFound
            ? HumanDataResult<IReadOnlyList<T>>.Success([])
            : Failed<TWire, IReadOnlyList<T>>(answer);
    }

    private HumanDataResult<T> Invalid<T>(string operation, IReadOnlyList<string> errors)
    {
        flow.NotSent<T>(operation, HumanDataFailure.InvalidQuery);
        return HumanDataResult<T>.Fail(HumanDataFailure.InvalidQuery, errors: errors);
    }

    private static HumanDataResult<TResult> Failed<TWire, TResult>(DataApiAnswer<TWire> answer) =>
        HumanDataResult<TResult>.Fail(answer.Failure, answer.Status, answer.RetryAfter);
}
