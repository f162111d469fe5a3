using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// The README's advice for a resilience pipeline on the upstream client: the standard handler with retries off for
/// unsafe methods. Both Human API calls are POSTs and the session token is single-use, so a retry would replay it.
/// </summary>
public sealed class ResilienceAdviceTests
{
    [Fact]
    public async Task The_advised_standard_handler_does_not_retry_a_failed_exchange()
    {
        // The stub takes one call; a retry would be an unexpected call and fail the test when the host is disposed.
        await using var app = await TestApp.StartAsync(humanConnect: connect =>
            connect.UpstreamHttpClient.AddStandardResilienceHandler(options => options.Retry.DisableForUnsafeHttpMethods()));
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(HttpStatusCode.ServiceUnavailable, "down"));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.Single(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_resilience_pipeline_rejecting_the_call_is_502_upstream_unavailable()
    {
        // Polly's own TimeoutRejectedException, thrown by the pipeline before the library's deadline.
        await using var app = await TestApp.StartAsync(humanConnect: connect =>
            connect.UpstreamHttpClient.AddStandardResilienceHandler(options =>
            {
                options.Retry.DisableForUnsafeHttpMethods();
                options.AttemptTimeout.Timeout = TimeSpan.FromMilliseconds(100);
            }));
        app.Upstream.ExpectTokens(UpstreamAnswers.Hang());

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "UpstreamHandlerFailed" && r.Message.Contains("TimeoutRejectedException", StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
