using System.Buffers;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Endpoints;
using HumanConnect.AspNetCore.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// The one place that knows Human API's token endpoints and their JSON. It adds the client secret, bounds time
/// and answer size, and turns every way a call can go wrong into a <see cref="HumanApiFailureKind"/>.
/// </summary>
/// <remarks>It logs operations, statuses and durations only: never a request or response body.</remarks>
internal sealed partial class HumanApiClient(
    HttpClient httpClient,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    ILogger<HumanApiClient> logger)
{
    private const string TokensOperation = "tokens";
    private const string PublicTokensOperation = "publictokens";

    /// <summary>Swaps a session token for the user's tokens (<c>POST tokens</c>).</summary>
    public async Task<HumanApiResult<TokensResponse>> ExchangeAsync(SessionTokenObject sessionToken, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        var request = new TokensRequest(sessionToken.HumanId!, sessionToken.ClientId!, sessionToken.SessionToken!, options.ClientSecret);
        var result = await PostAsync(options, TokensOperation, options.TokensEndpoint, request,
            HumanConnectJsonContext.Default.TokensRequest, HumanConnectJsonContext.Default.TokensResponse, cancellationToken);
        return result.Succeeded && !IsComplete(result.Value!) ? Invalid<TokensResponse>(TokensOperation) : result;
    }

    /// <summary>Asks for a fresh publicToken for a known user (<c>POST publictokens</c>).</summary>
    public async Task<HumanApiResult<PublicTokensResponse>> GetPublicTokenAsync(string humanId, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        var request = new PublicTokensRequest(humanId, options.ClientId, options.ClientSecret);
        var result = await PostAsync(options, PublicTokensOperation, options.PublicTokensEndpoint, request,
            HumanConnectJsonContext.Default.PublicTokensRequest, HumanConnectJsonContext.Default.PublicTokensResponse, cancellationToken);
        return result.Succeeded && (string.IsNullOrEmpty(result.Value!.HumanId) || string.IsNullOrEmpty(result.Value.PublicToken))
            ? Invalid<PublicTokensResponse>(PublicTokensOperation)
            : result;
    }

    private static bool IsComplete(TokensResponse response) =>
        !string.IsNullOrEmpty(response.HumanId) && !string.IsNullOrEmpty(response.AccessToken)
        && !string.IsNullOrEmpty(response.PublicToken) && !string.IsNullOrEmpty(response.ClientId)
        && !string.IsNullOrEmpty(response.ClientUserId);

    private HumanApiResult<T> Invalid<T>(string operation)
        where T : class
    {
        Log.IncompleteAnswer(logger, operation);
        return HumanApiResult<T>.Fail(HumanApiFailureKind.InvalidResponse);
    }

    private async Task<HumanApiResult<TResponse>> PostAsync<TRequest, TResponse>(
        HumanConnectOptions options,
        string operation,
        Uri endpoint,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.UpstreamTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body, requestType) };
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                // Redirects are never followed (AddHumanConnect turns AllowAutoRedirect off): a 307 or 308 would post
                // the client secret again, to wherever Location points. The configured endpoint is wrong or moved.
                Log.Redirected(logger, operation, status);
                return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable, status);
            }

            if (!response.IsSuccessStatusCode)
            {
                // The body of a refusal is undocumented and may echo what we sent: it is never read.
                Log.Refused(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return HumanApiResult<TResponse>.Fail(status < 500 ? HumanApiFailureKind.Rejected : HumanApiFailureKind.Unavailable, status);
            }

            var value = await ReadBoundedJsonAsync(response.Content, options.MaxUpstreamResponseBytes, responseType, timeout.Token);
            if (value is null)
            {
                Log.InvalidAnswer(logger, operation, status);
                return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.InvalidResponse, status);
            }

            Log.Succeeded(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return HumanApiResult<TResponse>.Success(value);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own deadline, or HttpClient.Timeout if a host set one: either way Human API was too slow.
            Log.TimedOut(logger, operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Timeout);
        }
        catch (HttpRequestException ex)
        {
            Log.Unreachable(logger, operation, ex.HttpRequestError.ToString());
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable);
        }
        catch (IOException ex)
        {
            // The connection broke while the answer was being read.
            Log.Unreachable(logger, operation, ex.GetType().Name);
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler the host added threw something else: a resilience pipeline's BrokenCircuitException or
            // TimeoutRejectedException, or a plain bug. Human API gave no usable answer either way, so the caller
            // gets a problem answer instead of a bare 500. Only the type is logged: a message may quote the request.
            Log.HandlerFailed(logger, operation, ex.GetType().Name);
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable);
        }
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of the answer and parses it; <see langword="null"/> when it is too large or not the expected JSON.</summary>
    private static async Task<T?> ReadBoundedJsonAsync<T>(HttpContent content, int maxBytes, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken);
            var length = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length, maxBytes + 1 - length), cancellationToken)) > 0)
            {
                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }

            return JsonSerializer.Deserialize(buffer.AsSpan(0, length), type);
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            // The buffer held tokens: clear it before another caller can rent it.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Human API {Operation} succeeded with {Status} in {ElapsedMs:0.0} ms.", EventName = "UpstreamSucceeded")]
        public static partial void Succeeded(ILogger logger, string operation, int status, double elapsedMs);

        [LoggerMessage(2, LogLevel.Warning, "Human API {Operation} answered {Status} after {ElapsedMs:0.0} ms.", EventName = "UpstreamRefused")]
        public static partial void Refused(ILogger logger, string operation, int status, double elapsedMs);

        [LoggerMessage(3, LogLevel.Warning, "Human API {Operation} answered {Status} with a body that is not the expected JSON or is too large.", EventName = "UpstreamInvalidAnswer")]
        public static partial void InvalidAnswer(ILogger logger, string operation, int status);

        [LoggerMessage(4, LogLevel.Warning, "Human API {Operation} answered without a required field.", EventName = "UpstreamIncompleteAnswer")]
        public static partial void IncompleteAnswer(ILogger logger, string operation);

        [LoggerMessage(5, LogLevel.Warning, "Human API {Operation} timed out after {ElapsedMs:0.0} ms ({Reason}).", EventName = "UpstreamTimedOut")]
        public static partial void TimedOut(ILogger logger, string operation, double elapsedMs, string reason);

        [LoggerMessage(6, LogLevel.Warning, "Human API {Operation} could not be reached ({Error}).", EventName = "UpstreamUnreachable")]
        public static partial void Unreachable(ILogger logger, string operation, string error);

        [LoggerMessage(8, LogLevel.Warning, "Human API {Operation} answered a redirect ({Status}), which is not followed: the client secret would travel with it. Check the endpoint settings.", EventName = "UpstreamRedirected")]
        public static partial void Redirected(ILogger logger, string operation, int status);

        [LoggerMessage(7, LogLevel.Warning, "Human API {Operation} failed in the HTTP client's pipeline ({ExceptionType}).", EventName = "UpstreamHandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, string operation, string exceptionType);
    }
}
