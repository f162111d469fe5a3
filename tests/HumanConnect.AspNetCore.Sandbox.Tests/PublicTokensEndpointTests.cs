using System.Net;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary><c>POST /v1/connect/publictokens</c> over real HTTP.</summary>
public sealed class PublicTokensEndpointTests
{
    [Fact]
    public async Task Answers_a_fresh_publicToken_and_the_previous_one_goes_stale()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var humanId = tokens.GetProperty("humanId").GetString()!;
        var previous = tokens.GetProperty("publicToken").GetString();

        using var response = await sandbox.PublicTokensAsync(humanId);
        var answer = await SandboxApp.ReadJsonAsync(response);
        using var openWithPrevious = await sandbox.PostAsync("/sandbox/v1/ui/open", new { publicToken = previous });
        using var openWithFresh = await sandbox.PostAsync("/sandbox/v1/ui/open", new { publicToken = answer.GetProperty("publicToken").GetString() });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(humanId, answer.GetProperty("humanId").GetString());
        Assert.NotEqual(previous, answer.GetProperty("publicToken").GetString());
        Assert.False(answer.TryGetProperty("accessToken", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, openWithPrevious.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openWithFresh.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_is_401()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");

        using var response = await sandbox.PublicTokensAsync(tokens.GetProperty("humanId").GetString()!, TestData.ClientSecret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_CLIENT", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_humanId_is_401()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await sandbox.PublicTokensAsync(TestData.HumanId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNKNOWN_HUMAN", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }
}
