using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Every read of the data API goes through here: the user's access token is loaded from the store (it goes no
/// further than the upstream client), a missing or cleared one answers without calling Human API, and a 401 marks
/// the record "connect again".
/// </summary>
/// <remarks>Scoped, like <see cref="HumanConnectFlow"/>: the store may be.</remarks>
internal sealed class HumanDataFlow(HumanConnectFlow flow, HumanDataApiClient dataApi, ILogger<HumanDataFlow> logger)
{
    /// <summary>Reads <paramref name="relativeUrl"/> under the data API's base for the user.</summary>
    public Task<DataApiAnswer<T>> ReadAsync<T>(
        string localUserId, string operation, string relativeUrl, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        ReadAsync(localUserId, operation, token => dataApi.GetAsync(token, operation, relativeUrl, type, cancellationToken), cancellationToken);

    /// <summary>Reads a <c>next</c> page link (already rebased onto the data API's base) for the user.</summary>
    public Task<DataApiAnswer<T>> ReadAsync<T>(
        string localUserId, string operation, Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        ReadAsync(localUserId, operation, token => dataApi.GetAsync(token, operation, url, type, cancellationToken), cancellationToken);

    /// <summary>A call refused before anything was read (an invalid query): reported like every other outcome.</summary>
    public DataApiAnswer<T> NotSent<T>(string operation, HumanDataFailure failure) =>
        Completed(operation, DataApiAnswer<T>.Fail(failure), Stopwatch.GetTimestamp());

    private async Task<DataApiAnswer<T>> ReadAsync<T>(
        string localUserId, string operation, Func<string, Task<DataApiAnswer<T>>> send, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var loaded = await flow.LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return Completed(operation, DataApiAnswer<T>.Fail(HumanDataFailure.StoreUnavailable), started);
        }

        if (loaded.Tokens is not { } tokens)
        {
            return Completed(operation, DataApiAnswer<T>.Fail(HumanDataFailure.NotConnected), started);
        }

        if (tokens.AccessToken.Length == 0)
        {
            // Marked after an earlier 401, or lost with its key: Human API would refuse it; the user must connect again.
            return Completed(operation, DataApiAnswer<T>.Fail(HumanDataFailure.ReconnectRequired), started);
        }

        var answer = await send(tokens.AccessToken);
        if (answer.Failure == HumanDataFailure.ReconnectRequired)
        {
            HumanConnectLog.DataReconnectRequired(logger, operation);
            await flow.MarkReconnectRequiredAsync(localUserId, tokens.AccessToken, cancellationToken);
        }

        return Completed(operation, answer, started);
    }

    /// <summary>
    /// The one place a data call completes, whatever its outcome: the seam where events and telemetry (duration,
    /// outcome, attempts, by operation template) are reported.
    /// </summary>
    private DataApiAnswer<T> Completed<T>(string operation, DataApiAnswer<T> answer, long started)
    {
        if (answer.Succeeded)
        {
            return answer;
        }

        if (answer.Attempts == 0)
        {
            HumanConnectLog.DataCallNotSent(logger, operation, answer.Failure.ToString());
        }
        else
        {
            HumanConnectLog.DataCallFailed(logger, operation, answer.Failure.ToString(), answer.Status, answer.Attempts,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return answer;
    }
}
