using System.Net;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The sandbox-only <c>POST /v1/connect/sessions</c> shortcut: the same create/edit rules as the page.</summary>
public sealed class SessionsEndpointTests
{
    [Fact]
    public async Task Create_mode_answers_a_sessionTokenObject()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        var session = await sandbox.CreateSessionAsync("user-1");

        Assert.Equal(SandboxApp.ClientId, session.GetProperty("clientId").GetString());
        Assert.Equal(24, session.GetProperty("humanId").GetString()!.Length);
        Assert.Equal(32, session.GetProperty("sessionToken").GetString()!.Length);
    }

    [Fact]
    public async Task Create_mode_for_an_existing_user_is_409_User_Already_Exists()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await sandbox.CreateSessionAsync("user-1");

        using var response = await sandbox.PostAsync("/sandbox/v1/connect/sessions",
            new { clientId = SandboxApp.ClientId, clientSecret = SandboxApp.ClientSecret, clientUserId = "user-1" });
        var error = await SandboxApp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("USER_ALREADY_EXISTS", error.GetProperty("code").GetString());
        Assert.Equal("User Already Exists", error.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("detailedMessage").GetString()));
    }

    [Fact]
    public async Task Edit_mode_with_the_current_publicToken_sets_the_sources()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");

        var edit = await sandbox.CreateSessionAsync("user-1", tokens.GetProperty("publicToken").GetString(), ["Starfleet Medical"]);
        using var opened = await sandbox.PostAsync("/sandbox/v1/ui/open", new { publicToken = tokens.GetProperty("publicToken").GetString() });
        var view = await SandboxApp.ReadJsonAsync(opened);

        Assert.Equal(tokens.GetProperty("humanId").GetString(), edit.GetProperty("humanId").GetString());
        var connected = view.GetProperty("sources").EnumerateArray()
            .Where(source => source.GetProperty("connected").GetBoolean())
            .Select(source => source.GetProperty("name").GetString());
        Assert.Equal(["Starfleet Medical"], connected);
    }

    [Fact]
    public async Task Edit_mode_with_another_users_publicToken_is_refused()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");

        using var response = await sandbox.PostAsync("/sandbox/v1/connect/sessions", new
        {
            clientId = SandboxApp.ClientId, clientSecret = SandboxApp.ClientSecret, clientUserId = "user-2",
            publicToken = tokens.GetProperty("publicToken").GetString(),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task It_demands_the_client_secret()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await sandbox.PostAsync("/sandbox/v1/connect/sessions", new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_source_is_400()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await sandbox.PostAsync("/sandbox/v1/connect/sessions", new
        {
            clientId = SandboxApp.ClientId, clientSecret = SandboxApp.ClientSecret, clientUserId = "user-1", sources = new[] { "Tricorder" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UNKNOWN_SOURCE", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }
}
