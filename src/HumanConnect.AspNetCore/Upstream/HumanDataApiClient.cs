using HumanConnect.AspNetCore.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// The one place that knows how the data API is called: a GET under <see cref="HumanConnectOptions.DataApiBaseUrl"/>
/// with the user's access token in the <c>Authorization: Bearer</c> header (never in the URL), tried again on 429,
/// 5xx, timeouts and broken connections, the answer read bounded and parsed with <see cref="HumanDataJsonContext"/>.
/// </summary>
/// <remarks>
/// It logs operation templates (<c>activities/{id}</c>), statuses and durations: never a URL, a body or a token. Its
/// <see cref="HttpClient"/> is the named client <see cref="HttpClientName"/>, apart from the Connect one so that hosts
/// can give each its own handlers: a retry there is safe (every call is a GET) but would multiply with this one's.
/// </remarks>
internal sealed partial class HumanDataApiClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    DataApiClock clock,
    HumanConnectTelemetry telemetry,
    ILogger<HumanDataApiClient> logger)
{
    /// <summary>The name of the <see cref="HttpClient"/> for the data API; hosts configure it through <c>HumanConnectBuilder.DataHttpClient</c>.</summary>
    public const string HttpClientName = "HumanConnect.HumanApi.Data";

    /// <summary>GETs <paramref name="relativeUrl"/> (a path and query under the data API's base, never starting with <c>/</c>).</summary>
    public Task<DataApiAnswer<T>> GetAsync<T>(
        string accessToken, string operation, string relativeUrl, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        GetAsync(accessToken, operation, new Uri(optionsMonitor.CurrentValue.DataApiBaseUrl, relativeUrl), type, cancellationToken);

    /// <summary>GETs <paramref name="url"/>, which must be under the data API's base (a page, or a <c>next</c> link rebased onto it).</summary>
    public async Task<DataApiAnswer<T>> GetAsync<T>(
        string accessToken, string operation, Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        // One span and one duration per call, its retries included; only the host and port of the URL are recorded.
        using var call = telemetry.StartUpstream(HumanConnectTelemetry.Upstream.Data, HttpMethod.Get, url);
        var answer = await GetWithRetriesAsync(accessToken, operation, url, type, cancellationToken);
        if (answer.Status is { } status)
        {
            call.Answered(status);
        }

        if (answer.Succeeded)
        {
            call.Succeeded();
        }
        else
        {
            var errorType = ErrorTypeOf(answer.Failure);
            call.Failed(errorType);
            telemetry.RecordFailure(HumanConnectTelemetry.Flows.Data, errorType);
        }

        return answer;
    }

    // Stable, lowercase codes for error.type: never a message or a status text.
    private static string ErrorTypeOf(HumanDataFailure failure) => failure switch
    {
        HumanDataFailure.NotConnected => HumanConnectErrorCodes.NotConnected,
        HumanDataFailure.ReconnectRequired => "reconnect_required",
        HumanDataFailure.NotFound => "not_found",
        HumanDataFailure.RateLimited => "rate_limited",
        HumanDataFailure.Timeout => HumanConnectErrorCodes.UpstreamTimeout,
        HumanDataFailure.InvalidResponse => HumanConnectErrorCodes.UpstreamInvalidResponse,
        HumanDataFailure.InvalidQuery => "invalid_query",
        HumanDataFailure.StoreUnavailable => HumanConnectErrorCodes.StoreUnavailable,
        _ => HumanConnectErrorCodes.UpstreamUnavailable,
    };

    private async Task<DataApiAnswer<T>> GetWithRetriesAsync<T>(
        string accessToken, string operation, Uri url, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        var attempts = Math.Max(1, options.DataApiMaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            var answer = await SendOnceAsync(options, accessToken, operation, url, type, cancellationToken) with { Attempts = attempt };
            if (answer.Succeeded || !answer.Retryable || attempt >= attempts)
            {
                return answer;
            }

            if (DataApiRetry.Delay(attempt, answer.RetryAfter, options.DataApiMaxRetryDelay) is not { } delay)
            {
                // Human API asked for a longer wait than a caller should sit through: the host decides (RetryAfter).
                return answer;
            }

            HumanConnectLog.DataCallRetrying(logger, operation, answer.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? answer.Failure.ToString(),
                attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, clock.Time, cancellationToken);
        }
    }
}
