using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Every read of the data API goes through here: the user's access token comes from <see cref="IHumanAccessTokenSource"/>
/// (the stored one in the legacy flow, a minted and cached one in Connect v2; it goes no further than the upstream
/// client), a missing one answers without calling Human API, and a 401 is handed back to the source: the legacy
/// record is marked "connect again", a v2 token is dropped and one fresh token is tried.
/// </summary>
/// <remarks>Scoped, like <see cref="HumanConnectFlow"/>: the store may be.</remarks>
internal sealed class HumanDataFlow(IHumanAccessTokenSource tokens, HumanDataApiClient dataApi, ILogger<HumanDataFlow> logger)
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
        var token = await tokens.GetAsync(localUserId, cancellationToken);
        if (!token.Succeeded)
        {
            return Completed(operation, DataApiAnswer<T>.Fail(FailureOf(token.Failure)), started);
        }

        var answer = await send(token.AccessToken!);
        if (answer.Failure == HumanDataFailure.ReconnectRequired
            && await tokens.RejectedAsync(localUserId, token.AccessToken!, cancellationToken) == AccessTokenRenewal.Renewable)
        {
            // Connect v2: the refused token is dropped; one freshly minted token decides (a second 401 is final).
            token = await tokens.GetAsync(localUserId, cancellationToken);
            answer = token.Succeeded ? await send(token.AccessToken!) : DataApiAnswer<T>.Fail(FailureOf(token.Failure));
            if (token.Succeeded && answer.Failure == HumanDataFailure.ReconnectRequired)
            {
                await tokens.RejectedAsync(localUserId, token.AccessToken!, cancellationToken);
            }
        }

        if (answer.Failure == HumanDataFailure.ReconnectRequired)
        {
            HumanConnectLog.DataReconnectRequired(logger, operation);
        }

        return Completed(operation, answer, started);
    }

    private static HumanDataFailure FailureOf(AccessTokenFailure failure) => failure switch
    {
        AccessTokenFailure.NotConnected => HumanDataFailure.NotConnected,
        // Marked after an earlier 401, or lost with its key: Human API would refuse it; the user must connect again.
        AccessTokenFailure.ReconnectRequired => HumanDataFailure.ReconnectRequired,
        AccessTokenFailure.StoreUnavailable => HumanDataFailure.StoreUnavailable,
        AccessTokenFailure.UpstreamTimeout => HumanDataFailure.Timeout,
        // Connect v2's token endpoint refused or failed: to the caller, Human API cannot serve the read right now.
        _ => HumanDataFailure.Unavailable,
    };

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
