using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// human-connect.js reads <c>humanId</c> and <c>publicToken</c>, and every client reads <c>errorCode</c>: the
/// answers keep those names whatever the host configured in its own <c>HttpJsonOptions</c>.
/// </summary>
public sealed class HostJsonOptionsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> NamingPolicies => ["none (PascalCase)", "snake_case"];

    private static Task<TestApp> StartWithNamingPolicyAsync(string policy) => TestApp.StartAsync(services: services =>
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy =
            policy == "snake_case" ? JsonNamingPolicy.SnakeCaseLower : null));

    [Theory]
    [MemberData(nameof(NamingPolicies))]
    public async Task Finish_answers_camelCase_under_a_host_naming_policy(string policy)
    {
        await using var app = await StartWithNamingPolicyAsync(policy);
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var answer = await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();

        Assert.Equal(["humanId", "publicToken"], answer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.PublicToken, answer.GetProperty("publicToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [MemberData(nameof(NamingPolicies))]
    public async Task PublicToken_answers_camelCase_under_a_host_naming_policy(string policy)
    {
        await using var app = await StartWithNamingPolicyAsync(policy);
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        var answer = await (await app.PublicTokenAsync()).AssertOkJsonAsync();

        Assert.Equal(["humanId", "publicToken"], answer.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestData.NewPublicToken, answer.GetProperty("publicToken").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [MemberData(nameof(NamingPolicies))]
    public async Task Problems_keep_errorCode_under_a_host_naming_policy(string policy)
    {
        await using var app = await StartWithNamingPolicyAsync(policy);

        using var response = await app.PublicTokenAsync();

        await response.AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.NotConnected);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
