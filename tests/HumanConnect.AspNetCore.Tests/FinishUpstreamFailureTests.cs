using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>How the finish endpoint answers when Human API refuses, fails, answers nonsense or is slow, and when the store fails.</summary>
public sealed class FinishUpstreamFailureTests
{
    private const string UpstreamMarker = "UPSTREAM-BODY-MARKER-7f3a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task Finish_refused_by_upstream_is_502_upstream_rejected(HttpStatusCode upstreamStatus)
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(upstreamStatus, $$"""{"error":"{{UpstreamMarker}}"}""", "application/json"));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_refused_by_upstream_does_not_echo_the_upstream_body()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(HttpStatusCode.Unauthorized, $$"""{"error":"{{UpstreamMarker}}"}""", "application/json"));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.DoesNotContain(UpstreamMarker, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => SecretScan.Describe(record).Contains(UpstreamMarker, StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task Finish_when_upstream_fails_is_502_upstream_unavailable(HttpStatusCode upstreamStatus)
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(upstreamStatus, UpstreamMarker));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.DoesNotContain(UpstreamMarker, problem.ToString(), StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_when_upstream_is_unreachable_is_502_upstream_unavailable()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (user.upstream.test:443)")));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(nameof(InvalidOperationException))]
    [InlineData(nameof(CircuitOpenException))]
    public async Task Finish_when_a_host_added_handler_throws_is_502_upstream_unavailable_and_leaks_nothing(string exceptionType)
    {
        await using var app = await TestApp.StartAsync(humanConnect: connect =>
            connect.UpstreamHttpClient.AddHttpMessageHandler(() => new ThrowingHandler(exceptionType)));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "UpstreamHandlerFailed" && r.Message.Contains(exceptionType, StringComparison.Ordinal));
        Assert.Empty(app.FindSecretLeaks());
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_when_a_host_added_handler_throws_is_502_upstream_unavailable()
    {
        await using var app = await TestApp.StartAsync(humanConnect: connect =>
            connect.UpstreamHttpClient.AddHttpMessageHandler(() => new ThrowingHandler(nameof(CircuitOpenException))));
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.Equal(TestData.StoredTokens(), await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.MovedPermanently)]
    [InlineData(HttpStatusCode.Found)]
    [InlineData(HttpStatusCode.TemporaryRedirect)]
    [InlineData(HttpStatusCode.PermanentRedirect)]
    public async Task Finish_when_upstream_redirects_is_502_and_the_secret_is_not_posted_elsewhere(HttpStatusCode redirect)
    {
        // Real servers and the library's own primary handler: a stub primary handler never follows redirects anyway.
        await using var elsewhere = await FakeHumanApi.StartAsync();
        elsewhere.TokensAnswer = context => context.Response.WriteAsJsonAsync(TestData.TokensAnswer(), Ct);
        await using var upstream = await FakeHumanApi.StartAsync();
        upstream.TokensAnswer = context =>
        {
            context.Response.StatusCode = (int)redirect;
            context.Response.Headers.Location = elsewhere.TokensEndpoint.ToString();
            return Task.CompletedTask;
        };
        await using var app = await TestApp.StartAsync(options: o => o.TokensEndpoint = upstream.TokensEndpoint, stubPrimaryHandler: false);

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.Equal(["POST /v1/connect/tokens"], upstream.Requests);
        Assert.Empty(elsewhere.Requests);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "UpstreamRedirected");
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("<html><body>Bad gateway</body></html>")]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1,2,3]")]
    public async Task Finish_when_upstream_answers_non_json_is_502_upstream_invalid_response(string body)
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(HttpStatusCode.OK, body, "application/json"));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("humanId")]
    [InlineData("accessToken")]
    [InlineData("publicToken")]
    [InlineData("clientId")]
    [InlineData("clientUserId")]
    public async Task Finish_when_upstream_answer_lacks_a_field_is_502_upstream_invalid_response(string missing)
    {
        await using var app = await TestApp.StartAsync();
        var answer = TestData.TokensAnswer();
        answer.Remove(missing);
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(answer));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_when_upstream_answer_exceeds_the_size_cap_is_502_upstream_invalid_response()
    {
        await using var app = await TestApp.StartAsync(options: o => o.MaxUpstreamResponseBytes = 1024);
        var answer = TestData.TokensAnswer();
        answer["padding"] = new string('p', 1024);
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(answer));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_when_an_unsized_upstream_answer_exceeds_the_size_cap_is_502_upstream_invalid_response()
    {
        await using var app = await TestApp.StartAsync(options: o => o.MaxUpstreamResponseBytes = 1024);
        app.Upstream.ExpectTokens(UpstreamAnswers.Unsized("{\"padding\":\"" + new string('p', 4096) + "\"}"));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_accepts_an_unsized_upstream_answer_within_the_cap()
    {
        await using var app = await TestApp.StartAsync(options: o => o.MaxUpstreamResponseBytes = 1024);
        app.Upstream.ExpectTokens(UpstreamAnswers.Unsized(System.Text.Json.JsonSerializer.Serialize(TestData.TokensAnswer())));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_when_upstream_is_too_slow_is_504_upstream_timeout()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        app.Upstream.ExpectTokens(UpstreamAnswers.Hang());

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_refused_by_upstream_leaves_the_earlier_record_untouched()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(HttpStatusCode.Unauthorized, UpstreamMarker));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(TestData.StoredTokens(), await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_when_the_host_store_fails_is_503_store_unavailable_and_nothing_is_half_written()
    {
        var backend = new HostTokenStoreBackend { FailSaves = true };
        backend.Records[TestData.Alice] = TestData.StoredTokens();
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => services.AddSingleton(backend));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        Assert.Equal(TestData.StoredTokens(), Assert.Single(backend.Records).Value);
        Assert.Equal(["save alice"], backend.Calls);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_saves_through_a_host_store_registered_with_AddTokenStore()
    {
        var backend = new HostTokenStoreBackend();
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => services.AddSingleton(backend));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        Assert.Equal(TestData.AccessToken, backend.Records[TestData.Alice].AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>
    /// A host's handler that fails with something other than an HTTP or I/O error, quoting the signed request in
    /// its message the way a careless handler might.
    /// </summary>
    private sealed class ThrowingHandler(string exceptionType) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var message = "refused " + await request.Content!.ReadAsStringAsync(cancellationToken);
            throw exceptionType == nameof(CircuitOpenException) ? new CircuitOpenException(message) : new InvalidOperationException(message);
        }
    }

    /// <summary>Stands in for Polly's BrokenCircuitException: an exception type the library cannot know.</summary>
    private sealed class CircuitOpenException(string message) : Exception(message);
}
