using System.Net;
using Microsoft.AspNetCore.Http;
using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>The legacy flow lets the browser pick clientUserId, so the server checks Human API's answer against the signed-in user.</summary>
public sealed class FinishUserBindingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Default_clientUserId_is_the_lowercase_hex_sha256_of_the_user_id()
    {
        // A known vector, so the rule is pinned independently of the helper the other tests use.
        Assert.Equal("2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90", TestData.ClientUserIdOf(TestData.Alice));
    }

    [Fact]
    public async Task Finish_for_another_users_clientUserId_is_403_client_user_mismatch_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Alice);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientUserMismatch);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        Assert.Null(await app.Store.GetAsync(TestData.Bob, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_client_user_mismatch_leaves_the_earlier_record_untouched()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));

        using var response = await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Alice);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TestData.StoredTokens(), await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_ignores_a_clientUserId_in_the_body()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));
        var body = TestData.SessionTokenObject();
        body["clientUserId"] = TestData.ClientUserIdOf(TestData.Bob);

        using var response = await app.FinishAsync(body, user: TestData.Alice);

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientUserMismatch);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_checks_the_clientUserId_derived_from_the_signed_in_user()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));

        (await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Bob)).EnsureSuccessStatusCode();

        Assert.Equal(TestData.ClientUserIdOf(TestData.Bob), (await app.Store.GetAsync(TestData.Bob, Ct))!.ClientUserId);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_for_another_apps_clientId_is_403_client_id_mismatch_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        var answer = TestData.TokensAnswer();
        answer["clientId"] = TestData.OtherClientId;
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(answer));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientIdMismatch);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_uses_a_host_user_resolver_for_the_expected_clientUserId()
    {
        await using var app = await TestApp.StartAsync(humanConnect: connect => connect.AddUserResolver<LegacyUserResolver>());
        var answer = TestData.TokensAnswer();
        answer["clientUserId"] = "legacy-alice";
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(answer));

        (await app.FinishAsync(TestData.SessionTokenObject())).EnsureSuccessStatusCode();

        Assert.Equal("legacy-alice", (await app.Store.GetAsync(TestData.Alice, Ct))!.ClientUserId);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Finish_with_a_host_user_resolver_rejects_the_default_hash()
    {
        await using var app = await TestApp.StartAsync(humanConnect: connect => connect.AddUserResolver<LegacyUserResolver>());
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientUserMismatch);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>A host keeping the clientUserIds of an existing integration.</summary>
    private sealed class LegacyUserResolver : IHumanConnectUserResolver
    {
        public string? GetLocalUserId(HttpContext httpContext) =>
            httpContext.User.Identity?.IsAuthenticated == true ? httpContext.User.Identity.Name : null;

        public string GetClientUserId(string localUserId) => "legacy-" + localUserId;
    }
}
