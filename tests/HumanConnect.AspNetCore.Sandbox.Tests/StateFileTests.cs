using System.Net;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>With a state file, a restarted sandbox still knows its users, as Human API would.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hc-sandbox-state-").FullName;

    private string StateFile => Path.Combine(_directory, "sandbox-state.json");

    [Fact]
    public async Task A_restarted_sandbox_accepts_the_stored_publicToken_and_humanId()
    {
        string humanId, publicToken, accessToken;
        await using (var before = await StartAsync())
        {
            var tokens = await before.ConnectNewUserAsync("user-1");
            (humanId, publicToken, accessToken) = (tokens.GetProperty("humanId").GetString()!,
                tokens.GetProperty("publicToken").GetString()!, tokens.GetProperty("accessToken").GetString()!);
        }

        await using var after = await StartAsync();
        var edit = await after.CreateSessionAsync("user-1", publicToken, ["Starfleet Medical"]);
        using var exchange = await after.ExchangeAsync(edit);
        var answer = await SandboxApp.ReadJsonAsync(exchange);
        using var createAgain = await after.PostAsync("/sandbox/v1/connect/sessions",
            new { clientId = SandboxApp.ClientId, clientSecret = SandboxApp.ClientSecret, clientUserId = "user-1" });

        Assert.Equal(HttpStatusCode.OK, exchange.StatusCode);
        Assert.Equal(humanId, answer.GetProperty("humanId").GetString());
        Assert.Equal(accessToken, answer.GetProperty("accessToken").GetString());
        Assert.NotEqual(publicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(HttpStatusCode.Conflict, createAgain.StatusCode);
    }

    [Fact]
    public async Task Without_a_state_file_a_restart_forgets_everyone()
    {
        string publicToken;
        await using (var before = await SandboxApp.StartAsync())
        {
            publicToken = (await before.ConnectNewUserAsync("user-1")).GetProperty("publicToken").GetString()!;
        }

        await using var after = await SandboxApp.StartAsync();
        using var open = await after.PostAsync("/sandbox/v1/ui/open", new { publicToken });

        Assert.Equal(HttpStatusCode.Unauthorized, open.StatusCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private Task<SandboxApp> StartAsync() =>
        SandboxApp.StartAsync(configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = StateFile));
}
