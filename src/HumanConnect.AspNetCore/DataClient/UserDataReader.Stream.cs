using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.DataClient;

internal sealed partial class UserDataReader
{
    /// <summary>
    /// Every record of a list from the query's offset on, one page in memory at a time: the <c>next</c> link when
    /// Human API gives one that moves forward, else the offset stepped by the page's count.
    /// </summary>
    public async IAsyncEnumerable<T> StreamAsync<T>(
        string operation, string path, DataPath family, HumanDataQuery? query, JsonTypeInfo<List<T>> type,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (QueryRules.Check(query, family) is { Count: > 0 } errors)
        {
            flow.NotSent<List<T>>(operation, HumanDataFailure.InvalidQuery);
            throw new HumanDataException(HumanDataFailure.InvalidQuery, errors: errors);
        }

        var offset = query?.Offset ?? 0;
        var answer = await flow.ReadAsync(localUserId, operation, path + HumanDataQueryString.For(query), type, cancellationToken);
        while (true)
        {
            if (!answer.Succeeded)
            {
                throw new HumanDataException(answer.Failure, answer.Status);
            }

            foreach (var item in answer.Value!)
            {
                yield return item;
            }

            if (!DataPages.HasMore(answer, offset, query?.Limit))
            {
                yield break;
            }

            var following = offset + answer.Value!.Count;
            var next = answer.Next;

            // Let the page go before the next one is read: only one is ever held.
            answer = null!;
            if (next is not null && DataPages.OffsetOf(next) is { } linked && linked > offset)
            {
                offset = linked;
                answer = await flow.ReadAsync(localUserId, operation, next, type, cancellationToken);
            }
            else
            {
                offset = following;
                answer = await flow.ReadAsync(localUserId, operation, path + HumanDataQueryString.For(query, following), type, cancellationToken);
            }
        }
    }
}
