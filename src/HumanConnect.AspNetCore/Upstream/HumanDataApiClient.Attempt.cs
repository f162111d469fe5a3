using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Internal;

namespace HumanConnect.AspNetCore.Upstream;

internal sealed partial class HumanDataApiClient
{
    private const string TotalCountHeader = "X-Total-Count";
    private const string LinkHeaderName = "Link";

    /// <summary>One GET, its answer classified: never throws but for the caller's own cancellation.</summary>
    private async Task<DataApiAnswer<T>> SendOnceAsync<T>(
        HumanConnectOptions options, string accessToken, string operation, Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.UpstreamTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                // The body of a refusal is undocumented and may echo the request: it is never read.
                return Refused<T>(operation, status, DataApiRetry.RetryAfter(response.Headers, clock.Time)) with { Url = url };
            }

            var value = await ReadAsync(response.Content, options.MaxDataResponseBytes, type, timeout.Token);
            if (value is null)
            {
                return DataApiAnswer<T>.Fail(HumanDataFailure.InvalidResponse, status) with { Url = url };
            }

            HumanConnectLog.DataCallSucceeded(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var links = response.Headers.TryGetValues(LinkHeaderName, out var linkValues) ? linkValues.ToArray() : null;
            var answer = new DataApiAnswer<T>(value, HumanDataFailure.None, status) { Url = url, TotalCount = TotalCount(response.Headers) };
            return WithLinks(answer, options, operation, url, links);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own deadline, or HttpClient.Timeout if a host set one: Human API was too slow.
            return DataApiAnswer<T>.Fail(HumanDataFailure.Timeout) with { Retryable = true, Url = url };
        }
        catch (HttpRequestException)
        {
            return DataApiAnswer<T>.Fail(HumanDataFailure.Unavailable) with { Retryable = true, Url = url };
        }
        catch (BoundedReadStream.LimitExceededException)
        {
            return DataApiAnswer<T>.Fail(HumanDataFailure.InvalidResponse, 200) with { Url = url };
        }
        catch (IOException)
        {
            // The connection broke while the answer was being read.
            return DataApiAnswer<T>.Fail(HumanDataFailure.Unavailable) with { Retryable = true, Url = url };
        }
        catch (JsonException)
        {
            return DataApiAnswer<T>.Fail(HumanDataFailure.InvalidResponse, 200) with { Url = url };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler the host added threw (an open circuit, its own timeout, a bug): that pipeline has decided, so
            // this is not tried again. Only the type is logged: a message may quote the request.
            HumanConnectLog.UpstreamHandlerFailed(logger, operation, ex.GetType().Name);
            return DataApiAnswer<T>.Fail(HumanDataFailure.Unavailable) with { Url = url };
        }
    }

    private DataApiAnswer<T> Refused<T>(string operation, int status, TimeSpan? retryAfter)
    {
        if (status is >= 300 and < 400)
        {
            // Never followed (no auto-redirect on this client): a redirect elsewhere would carry the token with it.
            HumanConnectLog.UpstreamRedirected(logger, operation, status);
            return DataApiAnswer<T>.Fail(HumanDataFailure.Unavailable, status);
        }

        return status switch
        {
            401 => DataApiAnswer<T>.Fail(HumanDataFailure.ReconnectRequired, status),
            404 => DataApiAnswer<T>.Fail(HumanDataFailure.NotFound, status),
            429 => DataApiAnswer<T>.Fail(HumanDataFailure.RateLimited, status) with { RetryAfter = retryAfter, Retryable = true },
            >= 500 => DataApiAnswer<T>.Fail(HumanDataFailure.Unavailable, status) with { RetryAfter = retryAfter, Retryable = true },
            _ => DataApiAnswer<T>.Fail(HumanDataFailure.Unavailable, status),
        };
    }

    /// <summary>Parses the answer as it streams in, at most <paramref name="maxBytes"/> of it: one page is all that is ever held.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContent content, int maxBytes, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw new BoundedReadStream.LimitExceededException(maxBytes);
        }

        await using var body = new BoundedReadStream(await content.ReadAsStreamAsync(cancellationToken), maxBytes);
        return await JsonSerializer.DeserializeAsync(body, type, cancellationToken);
    }

    private static long? TotalCount(HttpResponseHeaders headers) =>
        headers.TryGetValues(TotalCountHeader, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;

    /// <summary>
    /// The answer with its paging links. A <c>next</c> link that may not be followed is treated as no <c>Link</c>
    /// header at all, so paging goes on by offset and <c>X-Total-Count</c> rather than stopping early.
    /// </summary>
    private DataApiAnswer<T> WithLinks<T>(DataApiAnswer<T> answer, HumanConnectOptions options, string operation, Uri url, string[]? links)
    {
        if (links is null)
        {
            return answer;
        }

        if (LinkHeader.FindNext(links) is not { } next)
        {
            return answer with { HasLinkHeader = true };
        }

        var followable = LinkHeader.Followable(options.DataApiBaseUrl, url, next);
        if (followable is null)
        {
            HumanConnectLog.DataNextLinkIgnored(logger, operation);
            return answer;
        }

        return answer with { HasLinkHeader = true, Next = followable };
    }
}
