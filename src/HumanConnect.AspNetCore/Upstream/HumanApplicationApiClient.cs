using HumanConnect.AspNetCore.Diagnostics;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>What deleting a user through the Application API came to.</summary>
internal enum ApplicationApiOutcome
{
    /// <summary>Human API deleted the user (204).</summary>
    Deleted,

    /// <summary>Human API does not know the user (404): deleted before, which is what was asked.</summary>
    AlreadyGone,

    /// <summary>Human API refused the App Key (401 or 403).</summary>
    AppKeyRejected,

    /// <summary>Human API refused the request otherwise (another 4xx), or the humanId is not one it could have issued.</summary>
    Rejected,

    /// <summary>Human API could not be reached, answered 5xx or a redirect (never followed: it would resend the App Key), or a handler threw.</summary>
    Unavailable,

    /// <summary>Human API did not answer within <see cref="HumanConnectOptions.UpstreamTimeout"/>.</summary>
    Timeout,
}

/// <summary>
/// The one place that knows Human API's Application API: <c>DELETE {ApplicationApiBaseUrl}{clientId}/users/{humanId}</c>
/// with HTTP Basic, the App Key as user name and an empty password. Sent on the Connect client (no redirects, no
/// default loggers), never tried again, the answer's body never read.
/// </summary>
internal sealed class HumanApplicationApiClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    HumanConnectTelemetry telemetry,
    ILogger<HumanApplicationApiClient> logger)
{
    private const string DeleteOperation = "users.delete";

    /// <summary>Deletes the user at Human API; the App Key must be configured.</summary>
    public async Task<ApplicationApiOutcome> DeleteUserAsync(string humanId, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.CurrentValue;
        var appKey = options.AppKey ?? throw new InvalidOperationException("No App Key is configured.");
        if (!UrlSegment.IsSafe(humanId))
        {
            return ApplicationApiOutcome.Rejected;
        }

        var url = new Uri(options.ApplicationApiBaseUrl, $"{Uri.EscapeDataString(options.ClientId)}/users/{humanId}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.UpstreamTimeout);
        var started = Stopwatch.GetTimestamp();
        using var call = telemetry.StartUpstream(HumanConnectTelemetry.Upstream.Disconnect, HttpMethod.Delete, url);
        var outcome = await SendAsync(call, url, appKey, started, timeout.Token, cancellationToken);
        if (outcome is ApplicationApiOutcome.Deleted or ApplicationApiOutcome.AlreadyGone)
        {
            call.Succeeded();
        }
        else
        {
            call.Failed(outcome switch
            {
                ApplicationApiOutcome.AppKeyRejected => HumanConnectErrorCodes.AppKeyRejected,
                ApplicationApiOutcome.Rejected => HumanConnectErrorCodes.UpstreamRejected,
                ApplicationApiOutcome.Timeout => HumanConnectErrorCodes.UpstreamTimeout,
                _ => HumanConnectErrorCodes.UpstreamUnavailable,
            });
        }

        return outcome;
    }

    private async Task<ApplicationApiOutcome> SendAsync(
        UpstreamCall call, Uri url, string appKey, long started, CancellationToken timeoutToken, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(appKey + ":")));
            using var response = await httpClients.CreateClient(HumanApiClient.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutToken);
            var status = (int)response.StatusCode;
            call.Answered(status);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode)
            {
                HumanConnectLog.UpstreamSucceeded(logger, DeleteOperation, status, elapsed);
                return ApplicationApiOutcome.Deleted;
            }

            if (status is >= 300 and < 400)
            {
                HumanConnectLog.UpstreamRedirected(logger, DeleteOperation, status);
                return ApplicationApiOutcome.Unavailable;
            }

            HumanConnectLog.UpstreamRefused(logger, DeleteOperation, status, elapsed);
            return status switch
            {
                404 => ApplicationApiOutcome.AlreadyGone,
                401 or 403 => ApplicationApiOutcome.AppKeyRejected,
                < 500 => ApplicationApiOutcome.Rejected,
                _ => ApplicationApiOutcome.Unavailable,
            };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.UpstreamTimedOut(logger, DeleteOperation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            return ApplicationApiOutcome.Timeout;
        }
        catch (HttpRequestException ex)
        {
            HumanConnectLog.UpstreamUnreachable(logger, DeleteOperation, ex.HttpRequestError.ToString());
            return ApplicationApiOutcome.Unavailable;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler the host added threw; only its type is logged, since a message may quote the request.
            HumanConnectLog.UpstreamHandlerFailed(logger, DeleteOperation, ex.GetType().Name);
            return ApplicationApiOutcome.Unavailable;
        }
    }
}
