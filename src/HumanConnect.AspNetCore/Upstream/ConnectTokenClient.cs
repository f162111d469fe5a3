using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// The one place that knows Connect v2's token endpoint (<see cref="HumanConnectOptions.ConnectTokenEndpoint"/>) and
/// its JSON: it mints <c>session</c>, <c>id</c> and <c>access</c> tokens for a <c>client_user_id</c>, adds the client
/// secret, bounds time and answer size, and turns every way a call can go wrong into a <see cref="ConnectTokenFailure"/>.
/// </summary>
/// <remarks>
/// It sends through the same named <see cref="HttpClient"/> as the legacy calls (<see cref="HumanApiClient.HttpClientName"/>),
/// so a host's proxy or handler, and the sandbox's loopback handler, apply to both; redirects are never followed.
/// It logs the token type, status, duration and Human API's request id: never a body, a token or the secret.
/// </remarks>
internal sealed class ConnectTokenClient(
    IHttpClientFactory httpClients,
    IOptionsMonitor<HumanConnectOptions> optionsMonitor,
    ILogger<ConnectTokenClient> logger)
{
    /// <summary>A token that opens Connect for a user's first connect; <paramref name="email"/> is sent when known.</summary>
    public Task<ConnectTokenResult> MintSessionAsync(string clientUserId, string? email, CancellationToken cancellationToken) =>
        MintAsync(ConnectTokenType.Session, clientUserId, email, cancellationToken);

    /// <summary>A token that opens Connect for a returning user.</summary>
    public Task<ConnectTokenResult> MintIdAsync(string clientUserId, CancellationToken cancellationToken) =>
        MintAsync(ConnectTokenType.Id, clientUserId, email: null, cancellationToken);

    /// <summary>A token that reads the user's data; refused (404) while the user has no connected sources.</summary>
    public Task<ConnectTokenResult> MintAccessAsync(string clientUserId, CancellationToken cancellationToken) =>
        MintAsync(ConnectTokenType.Access, clientUserId, email: null, cancellationToken);

    private async Task<ConnectTokenResult> MintAsync(ConnectTokenType type, string clientUserId, string? email, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientUserId);
        var options = optionsMonitor.CurrentValue;
        var operation = WireName(type);
        var body = new ConnectTokenRequest(operation, options.ClientId, options.ClientSecret, clientUserId) { ClientUserEmail = email };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.UpstreamTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, options.ConnectTokenEndpoint)
            {
                Content = JsonContent.Create(body, ConnectTokenJsonContext.Default.ConnectTokenRequest),
            };
            using var response = await httpClients.CreateClient(HumanApiClient.HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400)
            {
                // Never followed (AllowAutoRedirect is off): a 307 or 308 would post the secret to wherever Location points.
                HumanConnectLog.ConnectTokenRedirected(logger, operation, status);
                return ConnectTokenResult.Fail(ConnectTokenFailure.Unavailable);
            }

            using var answer = await ReadBoundedAsync(response.Content, options.MaxUpstreamResponseBytes, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return Refused(operation, status, response, answer, started);
            }

            var token = answer is null ? null : Parse(type, answer.Span);
            if (token is null)
            {
                HumanConnectLog.ConnectTokenInvalidAnswer(logger, operation, status);
                return ConnectTokenResult.Fail(ConnectTokenFailure.InvalidResponse);
            }

            HumanConnectLog.ConnectTokenMinted(logger, operation, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return ConnectTokenResult.Success(token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.ConnectTokenTimedOut(logger, operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            return ConnectTokenResult.Fail(ConnectTokenFailure.Timeout);
        }
        catch (HttpRequestException ex)
        {
            HumanConnectLog.ConnectTokenUnreachable(logger, operation, ex.HttpRequestError.ToString());
            return ConnectTokenResult.Fail(ConnectTokenFailure.Unavailable);
        }
        catch (IOException ex)
        {
            HumanConnectLog.ConnectTokenUnreachable(logger, operation, ex.GetType().Name);
            return ConnectTokenResult.Fail(ConnectTokenFailure.Unavailable);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // A handler the host added threw (an open circuit, say). Only the type: a message may quote the request.
            HumanConnectLog.ConnectTokenHandlerFailed(logger, operation, ex.GetType().Name);
            return ConnectTokenResult.Fail(ConnectTokenFailure.Unavailable);
        }
    }

    private ConnectTokenResult Refused(string operation, int status, HttpResponseMessage response, PooledBytes? answer, long started)
    {
        var requestId = ConnectErrorBody.RequestId(response, answer is null ? default : answer.Span);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var failure = status switch
        {
            401 or 403 => ConnectTokenFailure.ClientRejected,
            404 => ConnectTokenFailure.NotFound,
            < 500 => ConnectTokenFailure.Rejected,
            _ => ConnectTokenFailure.Unavailable,
        };

        // A 404 is Human API's "not yet" (no such user, or no connected source): expected, so not a warning.
        if (failure == ConnectTokenFailure.NotFound)
        {
            HumanConnectLog.ConnectTokenNotFound(logger, operation, elapsed, requestId ?? "none");
        }
        else
        {
            HumanConnectLog.ConnectTokenRefused(logger, operation, status, elapsed, requestId ?? "none");
        }

        return ConnectTokenResult.Fail(failure);
    }

    /// <summary>The token the answer carries for <paramref name="type"/>, or <see langword="null"/> when it is not the expected JSON.</summary>
    private static ConnectToken? Parse(ConnectTokenType type, ReadOnlySpan<byte> json)
    {
        ConnectTokenAnswer? answer;
        try
        {
            answer = JsonSerializer.Deserialize(json, ConnectTokenJsonContext.Default.ConnectTokenAnswer);
        }
        catch (JsonException)
        {
            return null;
        }

        if (answer is null)
        {
            return null;
        }

        var (value, expiresIn) = type switch
        {
            ConnectTokenType.Session => (answer.SessionToken, answer.ExpiresIn),
            ConnectTokenType.Id => (answer.IdToken, answer.IdTokenExpiresIn ?? answer.ExpiresIn),
            _ => (answer.AccessToken, answer.ExpiresIn),
        };

        return string.IsNullOrEmpty(value)
            ? null
            : new ConnectToken(type, value, Lifetime(expiresIn), string.IsNullOrEmpty(answer.HumanId) ? null : answer.HumanId);
    }

    /// <summary>Seconds to a lifetime; a missing, negative or absurd value is "unknown" (<see cref="TimeSpan.Zero"/>), which is never cached.</summary>
    private static TimeSpan Lifetime(double? seconds) =>
        seconds is > 0 and <= 366 * 24 * 3600 ? TimeSpan.FromSeconds(seconds.Value) : TimeSpan.Zero;

    private static string WireName(ConnectTokenType type) => type switch
    {
        ConnectTokenType.Session => "session",
        ConnectTokenType.Id => "id",
        _ => "access",
    };

    /// <summary>At most <paramref name="maxBytes"/> of the answer; <see langword="null"/> when it is larger.</summary>
    private static async Task<PooledBytes?> ReadBoundedAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        return await PooledBytes.ReadAsync(stream, maxBytes, cancellationToken);
    }
}
