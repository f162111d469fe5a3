using System.Reflection;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Xunit.v3;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// The test host's end-of-test check: <see cref="TestApp.AssertCleanUpstreamAndNoLeaks"/> finds what it must, disposal
/// asserts nothing (so it cannot replace a failing test's own message), and a passing test that skips the check fails.
/// </summary>
public sealed class EndOfTestCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_queued_call_that_never_came_fails_the_check_and_not_the_disposal()
    {
        var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var check = Record.Exception(app.AssertCleanUpstreamAndNoLeaks);
        var disposal = await Record.ExceptionAsync(async () => await app.DisposeAsync());

        Assert.Contains("1 expected upstream call(s) never came", check?.Message, StringComparison.Ordinal);
        Assert.Null(disposal);
    }

    [Fact]
    public async Task An_upstream_call_nobody_queued_fails_the_check()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        using var response = await app.PublicTokenAsync();

        var check = Record.Exception(app.AssertCleanUpstreamAndNoLeaks);
        Assert.Contains($"unexpected upstream call POST {TestData.PublicTokensEndpoint}", check?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_in_a_response_fails_the_check()
    {
        await using var app = await TestApp.StartAsync(map: a =>
        {
            a.MapHumanConnect();
            a.MapGet("/careless", () => $"the secret is {TestData.ClientSecret}");
        });

        using var response = await app.Client.GetAsync(new Uri("/careless", UriKind.Relative), Ct);

        var check = Record.Exception(app.AssertCleanUpstreamAndNoLeaks);
        Assert.Contains("a response contains a secret value", check?.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.ClientSecret, check?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_passing_test_that_never_ran_the_check_is_failed_after_it()
    {
        await using var app = await TestApp.StartAsync();

        // What xunit does once the test method returns; this call takes the app, so the real one finds nothing left.
        var after = Record.Exception(() => new EndOfTestChecksAttribute().After(ThisMethod(), CurrentTest()));

        Assert.Contains("never called AssertCleanUpstreamAndNoLeaks() on 1 of them", after?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_test_that_ran_the_check_passes_the_safety_net()
    {
        await using var app = await TestApp.StartAsync();
        app.AssertCleanUpstreamAndNoLeaks();

        var after = Record.Exception(() => new EndOfTestChecksAttribute().After(ThisMethod(), CurrentTest()));

        Assert.Null(after);
    }

    private static IXunitTest CurrentTest() => Assert.IsAssignableFrom<IXunitTest>(TestContext.Current.Test);

    private static MethodInfo ThisMethod() => CurrentTest().TestMethod.Method;
}
