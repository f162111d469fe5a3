using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

public sealed class PublicTokenEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> PublicTokensAnswer(string humanId = TestData.HumanId) => new()
    {
        ["humanId"] = humanId,
        ["publicToken"] = TestData.NewPublicToken,
    };

    private static async Task<TestApp> StartConnectedAsync()
    {
        var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        return app;
    }

    [Fact]
    public async Task PublicToken_answers_200_with_the_new_publicToken()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(PublicTokensAnswer()));

        var answer = await (await app.PublicTokenAsync()).AssertOkJsonAsync();

        Assert.Equal(["humanId", "publicToken"], answer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.HumanId, answer.GetProperty("humanId").GetString());
        Assert.Equal(TestData.NewPublicToken, answer.GetProperty("publicToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_stores_the_new_publicToken_and_keeps_the_access_token()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(PublicTokensAnswer()));

        (await app.PublicTokenAsync()).EnsureSuccessStatusCode();

        Assert.Equal(TestData.StoredTokens(publicToken: TestData.NewPublicToken), await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_fills_in_a_lost_publicToken()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(publicToken: null), Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(PublicTokensAnswer()));

        (await app.PublicTokenAsync()).EnsureSuccessStatusCode();

        Assert.Equal(TestData.NewPublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_posts_humanId_clientId_and_secret_as_json()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(PublicTokensAnswer()));

        (await app.PublicTokenAsync()).EnsureSuccessStatusCode();

        var sent = app.Upstream.SingleRequest();
        Assert.Equal("application/json", sent.ContentType?.MediaType);
        var json = JsonDocument.Parse(sent.Body!).RootElement;
        Assert.Equal(["clientId", "clientSecret", "humanId"], json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.HumanId, json.GetProperty("humanId").GetString());
        Assert.Equal(TestData.ClientId, json.GetProperty("clientId").GetString());
        Assert.Equal(TestData.ClientSecret, json.GetProperty("clientSecret").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_for_a_user_who_never_connected_is_404_not_connected()
    {
        await using var app = await StartConnectedAsync();

        using var response = await app.PublicTokenAsync(user: TestData.Bob);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.NotConnected);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_without_a_signed_in_user_is_401_not_authenticated()
    {
        await using var app = await StartConnectedAsync();

        using var response = await app.PublicTokenAsync(user: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(Antiforgery.MissingHeader)]
    [InlineData(Antiforgery.WrongToken)]
    [InlineData(Antiforgery.OtherUsersToken)]
    public async Task PublicToken_without_a_valid_antiforgery_token_is_400_antiforgery_failed(Antiforgery antiforgery)
    {
        await using var app = await StartConnectedAsync();

        using var response = await app.PublicTokenAsync(antiforgery: antiforgery);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_with_a_body_over_8_KiB_is_413_body_too_large()
    {
        await using var app = await StartConnectedAsync();

        using var response = await app.PostAsync("/connect/public-token", new StringContent(new string('p', 8 * 1024 + 1)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_refused_by_upstream_is_502_upstream_rejected_and_keeps_the_record()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Text(HttpStatusCode.Unauthorized, "UPSTREAM-MARKER-public"));

        using var response = await app.PublicTokenAsync();

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected);
        Assert.DoesNotContain("UPSTREAM-MARKER-public", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(TestData.StoredTokens(), await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_when_upstream_fails_is_502_upstream_unavailable()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Text(HttpStatusCode.ServiceUnavailable, "down"));

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_for_another_humanId_is_502_upstream_invalid_response_and_keeps_the_record()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(PublicTokensAnswer(humanId: "ffffffffffffffffffffffff")));

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        Assert.Equal(TestData.StoredTokens(), await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_when_upstream_answer_lacks_the_publicToken_is_502_upstream_invalid_response()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId }));

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_when_upstream_is_too_slow_is_504_upstream_timeout()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Hang());

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_when_the_store_cannot_be_read_is_503_store_unavailable()
    {
        var backend = new HostTokenStoreBackend { FailGets = true };
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => services.AddSingleton(backend));

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task PublicToken_when_the_store_cannot_be_written_is_503_store_unavailable_and_keeps_the_record()
    {
        var backend = new HostTokenStoreBackend { FailSaves = true };
        backend.Records[TestData.Alice] = TestData.StoredTokens();
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => services.AddSingleton(backend));
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(PublicTokensAnswer()));

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        Assert.Equal(TestData.StoredTokens(), backend.Records[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
