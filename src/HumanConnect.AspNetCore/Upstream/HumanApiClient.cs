using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Diagnostics;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// The one place that knows Human API's token endpoints and their JSON. It adds the client secret, bounds time
/// and answer size, and turns every way a call can go wrong into a <see cref="HumanApiFailureKind"/>.
/// </summary>
/// <remarks>
/// It logs operations, statuses and durations only: never a request or response body; each call is also a span and a
/// duration measurement (<see cref="HumanConnectTelemetry.StartUpstream"/>), tagged the same way. A singleton that takes its
/// <see cref="HttpClient"/> from the factory per call, rather than a typed client: every page with a button resolves
/// the flow, and only the rare one that heals a publicToken calls Human API, so the others build no client at all.
/// </remarks>
internal sealed class HumanApiClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    HumanConnectTelemetry telemetry,
    ILogger<HumanApiClient> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> that talks to Human API; hosts configure it through <c>HumanConnectBuilder.UpstreamHttpClient</c>.</summary>
    public const string HttpClientName = "HumanConnect.HumanApi";

    private const string TokensOperation = "tokens";
    private const string PublicTokensOperation = "publictokens";

    /// <summary>Swaps a session token for the user's tokens (<c>POST tokens</c>).</summary>
    public async Task<HumanApiResult<TokensResponse>> ExchangeAsync(string humanId, string clientId, string sessionToken, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        using var call = telemetry.StartUpstream(HumanConnectTelemetry.Upstream.Exchange, HttpMethod.Post, options.TokensEndpoint);
        var request = new TokensRequest(humanId, clientId, sessionToken, options.ClientSecret);
        var result = await PostAsync(options, TokensOperation, options.TokensEndpoint, request,
            HumanApiJsonContext.Default.TokensRequest, HumanApiJsonContext.Default.TokensResponse, call, cancellationToken);
        return Completed(call, result.Succeeded && !IsComplete(result.Value!) ? Invalid<TokensResponse>(TokensOperation) : result);
    }

    /// <summary>Asks for a fresh publicToken for a known user (<c>POST publictokens</c>).</summary>
    public async Task<HumanApiResult<PublicTokensResponse>> GetPublicTokenAsync(string humanId, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        using var call = telemetry.StartUpstream(HumanConnectTelemetry.Upstream.Refresh, HttpMethod.Post, options.PublicTokensEndpoint);
        var request = new PublicTokensRequest(humanId, options.ClientId, options.ClientSecret);
        var result = await PostAsync(options, PublicTokensOperation, options.PublicTokensEndpoint, request,
            HumanApiJsonContext.Default.PublicTokensRequest, HumanApiJsonContext.Default.PublicTokensResponse, call, cancellationToken);
        return Completed(call, result.Succeeded && (string.IsNullOrEmpty(result.Value!.HumanId) || string.IsNullOrEmpty(result.Value.PublicToken))
            ? Invalid<PublicTokensResponse>(PublicTokensOperation)
            : result);
    }

    /// <summary>Gives the call's span and measurement the outcome the caller gets.</summary>
    private static HumanApiResult<T> Completed<T>(UpstreamCall call, HumanApiResult<T> result)
        where T : class
    {
        if (result.Succeeded)
        {
            call.Succeeded();
        }
        else
        {
            call.Failed(result.Failure.ErrorCode());
        }

        return result;
    }

    private static bool IsComplete(TokensResponse response) =>
        !string.IsNullOrEmpty(response.HumanId) && !string.IsNullOrEmpty(response.AccessToken)
        && !string.IsNullOrEmpty(response.PublicToken) && !string.IsNullOrEmpty(response.ClientId)
        && !string.IsNullOrEmpty(response.ClientUserId);

    private HumanApiResult<T> Invalid<T>(string operation)
        where T : class
    {
        HumanConnectLog.UpstreamIncompleteAnswer(logger, operation);
        return HumanApiResult<T>.Fail(HumanApiFailureKind.InvalidResponse);
    }

    private async Task<HumanApiResult<TResponse>> PostAsync<TRequest, TResponse>(
        HumanConnectOptions options,
        string operation,
        Uri endpoint,
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        UpstreamCall call,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.UpstreamTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = JsonContent.Create(body, requestType) };
            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            call.Answered(status);
            if (status is >= 300 and < 400)
            {
                // Redirects are never followed (AddHumanConnect turns AllowAutoRedirect off): a 307 or 308 would post
                // the client secret again, to wherever Location points. The configured endpoint is wrong or moved.
                HumanConnectLog.UpstreamRedirected(logger, operation, status);
                return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable);
            }

            if (!response.IsSuccessStatusCode)
            {
                // The body of a refusal is undocumented and may echo what we sent: it is never read.
                HumanConnectLog.UpstreamRefused(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return HumanApiResult<TResponse>.Fail(status < 500 ? HumanApiFailureKind.Rejected : HumanApiFailureKind.Unavailable);
            }

            var value = await ReadBoundedJsonAsync(response.Content, options.MaxUpstreamResponseBytes, responseType, timeout.Token);
            if (value is null)
            {
                HumanConnectLog.UpstreamInvalidAnswer(logger, operation, status);
                return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.InvalidResponse);
            }

            HumanConnectLog.UpstreamSucceeded(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return HumanApiResult<TResponse>.Success(value);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own deadline, or HttpClient.Timeout if a host set one: either way Human API was too slow.
            HumanConnectLog.UpstreamTimedOut(logger, operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Timeout);
        }
        catch (HttpRequestException ex)
        {
            HumanConnectLog.UpstreamUnreachable(logger, operation, ex.HttpRequestError.ToString());
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable);
        }
        catch (IOException ex)
        {
            // The connection broke while the answer was being read.
            HumanConnectLog.UpstreamUnreachable(logger, operation, ex.GetType().Name);
            return HumanApiResult<TResponse>.Fail(HumanApiFailureKind.Unavailable);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler the host added threw something else: a resilience pipeline's BrokenCircuitException or
            // TimeoutRejectedException, or a plain bug. Human API gave no usable answer either way, so the caller
            // gets a problem answer instead of a bare 500. Only the type is logged: a message may quote the request.
            HumanConnectLog.UpstreamHandlerFailed(logger, operation, ex.GetType().Name);
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

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = await PooledBytes.ReadAsync(stream, maxBytes, cancellationToken);
        if (body is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body.Span, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
