using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>The default resolver takes the local user id from one claim, <c>UserIdClaimType</c>, and from nowhere else.</summary>
public sealed class UserResolutionTests
{
    private const string SubjectClaim = "sub";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_user_without_a_NameIdentifier_claim_is_401_on_finish()
    {
        await using var app = await TestApp.StartAsync();
        app.UserClaimType = SubjectClaim;

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_signed_in_user_without_a_NameIdentifier_claim_is_401_on_public_token()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.UserClaimType = SubjectClaim;

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task UserIdClaimType_names_the_claim_the_user_id_comes_from()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UserIdClaimType = SubjectClaim);
        app.UserClaimType = SubjectClaim;
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Alice)));

        await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();

        var stored = await app.Store.GetAsync(TestData.Alice, Ct);
        Assert.Equal(TestData.AccessToken, stored!.AccessToken);
        Assert.Equal(TestData.ClientUserIdOf(TestData.Alice), stored.ClientUserId);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task UserIdClaimType_set_ignores_a_NameIdentifier_claim()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UserIdClaimType = SubjectClaim);

        using var response = await app.FinishAsync(TestData.SessionTokenObject());

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task UserIdClaimType_bound_from_configuration_is_used()
    {
        await using var app = await TestApp.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["HumanConnect:ClientId"] = TestData.ClientId,
            ["HumanConnect:ClientSecret"] = TestData.ClientSecret,
            ["HumanConnect:TokensEndpoint"] = TestData.TokensEndpoint.ToString(),
            ["HumanConnect:UserIdClaimType"] = SubjectClaim,
        });
        app.UserClaimType = SubjectClaim;
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Bob)));

        await (await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Bob)).AssertOkJsonAsync();

        Assert.NotNull(await app.Store.GetAsync(TestData.Bob, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
