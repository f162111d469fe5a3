using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests;

public sealed class FinishSuccessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finish_answers_200_with_humanId_and_publicToken_only()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var answer = await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();

        Assert.Equal(["humanId", "publicToken"], answer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.HumanId, answer.GetProperty("humanId").GetString());
        Assert.Equal(TestData.PublicToken, answer.GetProperty("publicToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_response_never_contains_the_access_token()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.DoesNotContain(TestData.AccessToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", body, StringComparison.OrdinalIgnoreCase);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_stores_all_issued_tokens_for_the_signed_in_user()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        var stored = await app.Store.GetAsync(TestData.Alice, Ct);
        Assert.Equal(new HumanTokens(TestData.HumanId, TestData.AccessToken, TestData.PublicToken, TestData.ClientUserIdOf(TestData.Alice)), stored);
        Assert.Null(await app.Store.GetAsync(TestData.Bob, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_overwrites_an_earlier_record_including_its_publicToken()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        var stored = await app.Store.GetAsync(TestData.Alice, Ct);
        Assert.Equal(TestData.PublicToken, stored!.PublicToken);
        Assert.Equal(TestData.AccessToken, stored.AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_posts_json_to_the_tokens_endpoint()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        var sent = app.Upstream.SingleRequest();
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal(TestData.TokensEndpoint, sent.Url);
        Assert.Equal("application/json", sent.ContentType?.MediaType);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_signs_the_session_token_object_with_the_configured_secret()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        var sent = JsonDocument.Parse(app.Upstream.SingleRequest().Body!).RootElement;
        Assert.Equal(["clientId", "clientSecret", "humanId", "sessionToken"], sent.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.ClientSecret, sent.GetProperty("clientSecret").GetString());
        Assert.Equal(TestData.HumanId, sent.GetProperty("humanId").GetString());
        Assert.Equal(TestData.ClientId, sent.GetProperty("clientId").GetString());
        Assert.Equal(TestData.SessionToken, sent.GetProperty("sessionToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_ignores_extra_json_fields_and_does_not_forward_them()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        var body = TestData.SessionTokenObject();
        body["userId"] = "connect-js-extra";
        body["clientSecret"] = "browser-chosen-secret";

        (await app.FinishAsync(body)).EnsureSuccessStatusCode();

        var sent = JsonDocument.Parse(app.Upstream.SingleRequest().Body!).RootElement;
        Assert.False(sent.TryGetProperty("userId", out _));
        Assert.Equal(TestData.ClientSecret, sent.GetProperty("clientSecret").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_accepts_fields_of_exactly_256_characters()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        var body = TestData.SessionTokenObject();
        body["sessionToken"] = new string('a', 256);

        (await app.FinishAsync(body)).EnsureSuccessStatusCode();
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
