using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// The client secret and every accessToken stay out of responses and logs (captured at Trace). Every test scans for
/// them in its last step (<see cref="TestApp.AssertCleanUpstreamAndNoLeaks"/>); these tests drive the paths most
/// likely to leak and assert it explicitly.
/// </summary>
public sealed class SecretLeakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Secret_scan_finds_a_secret_in_a_message_a_state_value_or_an_exception()
    {
        var collector = new FakeLogCollector();
        var logger = new FakeLogger(collector);
        logger.LogInformation("token {Token}", TestData.AccessToken);
        logger.LogWarning(new InvalidOperationException("secret " + TestData.ClientSecret), "failed");
        logger.LogWarning("nothing here");

        var leaks = SecretScan.FindIn("log record", collector.GetSnapshot().Select(SecretScan.Describe), [TestData.ClientSecret, TestData.AccessToken]);

        Assert.Equal(2, leaks.Count());
    }

    [Fact]
    public async Task Logs_are_captured_down_to_debug_level()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        var records = app.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Debug && r.Category!.StartsWith("HumanConnect.", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Id.Name == "TokensStored");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Connect_and_refresh_leak_neither_secret_nor_access_token()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();
        (await app.PublicTokenAsync()).EnsureSuccessStatusCode();

        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task Upstream_refusal_that_echoes_the_signed_request_leaks_nothing(HttpStatusCode status)
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.EchoRequest(status, "MARKER"));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task No_log_line_carries_an_upstream_exception_message()
    {
        // The library logs only the error kind: a message may quote whatever a handler saw. IHttpClientFactory's
        // default loggers, which would log the exception, are removed from the upstream client.
        const string marker = "EXCEPTION-MESSAGE-MARKER";
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Throw(new HttpRequestException(HttpRequestError.ProxyTunnelError, marker)));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        var records = app.Logs.GetSnapshot();
        Assert.Contains(records, r => r.Id.Name == "UpstreamUnreachable" && r.Message.Contains("ProxyTunnelError", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => SecretScan.Describe(r).Contains(marker, StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Discarded_tokens_of_a_mismatched_answer_leak_nowhere()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Incomplete_upstream_answer_carrying_an_access_token_leaks_nowhere()
    {
        await using var app = await TestApp.StartAsync();
        var answer = TestData.TokensAnswer();
        answer.Remove("clientUserId");
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(answer));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Timed_out_exchange_leaks_nothing()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        app.Upstream.ExpectTokens(UpstreamAnswers.Hang());

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Store_failure_leaks_nothing()
    {
        var backend = new HostTokenStoreBackend { FailSaves = true };
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, backend));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "StoreFailed" && r.Message.Contains(nameof(TimeoutException), StringComparison.Ordinal));
        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_exception_quoting_the_access_token_is_not_logged()
    {
        var backend = new HostTokenStoreBackend { FailSaves = true, FailureDetail = $" INSERT failed for value '{TestData.AccessToken}'." };
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, backend));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        var failure = Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Name == "StoreFailed");
        Assert.Null(failure.Exception);
        Assert.Empty(app.FindSecretLeaks());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_exception_on_read_is_logged_by_type_only()
    {
        const string marker = "ROW-VALUE-MARKER-31c9";
        var backend = new HostTokenStoreBackend { FailGets = true, FailureDetail = marker };
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, backend));

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "StoreFailed" && r.Message.Contains(nameof(InvalidOperationException), StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => SecretScan.Describe(r).Contains(marker, StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_secret_travels_in_the_upstream_body_never_in_its_url()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        var sent = app.Upstream.SingleRequest();
        Assert.DoesNotContain(TestData.ClientSecret, sent.Url.ToString(), StringComparison.Ordinal);
        Assert.Contains(TestData.ClientSecret, sent.Body, StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
