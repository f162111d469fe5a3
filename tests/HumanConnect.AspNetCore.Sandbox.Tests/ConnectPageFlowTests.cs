using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The JSON calls the hosted page's script makes (open, connect/disconnect, Done), over real HTTP. The page's
/// behaviour in a browser is tested elsewhere; these pin the server rules it relies on.
/// </summary>
public sealed class ConnectPageFlowTests
{
    [Fact]
    public async Task Create_mode_connect_then_Done_yields_a_session_token_the_server_can_exchange()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        var view = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });
        Assert.Equal("create", view.GetProperty("mode").GetString());
        Assert.All(view.GetProperty("sources").EnumerateArray(), source => Assert.False(source.GetProperty("connected").GetBoolean()));
        var connected = await SetSourceAsync(sandbox, view, "Starfleet Pharmacy", connected: true);
        var done = await DoneAsync(sandbox, connected);
        using var exchanged = await sandbox.ExchangeAsync(done.GetProperty("token"));

        Assert.True(done.GetProperty("finished").GetBoolean());
        Assert.Equal(view.GetProperty("humanId").GetString(), done.GetProperty("token").GetProperty("humanId").GetString());
        Assert.Equal(SandboxApp.ClientId, done.GetProperty("token").GetProperty("clientId").GetString());
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
    }

    [Fact]
    public async Task Done_without_a_change_finishes_nothing()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var view = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });

        var done = await DoneAsync(sandbox, view);
        using var createAgain = await sandbox.PostAsync("/sandbox/v1/ui/open", new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });

        Assert.False(done.GetProperty("finished").GetBoolean());
        Assert.False(done.TryGetProperty("token", out _));
        Assert.Equal(HttpStatusCode.OK, createAgain.StatusCode);
    }

    [Fact]
    public async Task Create_mode_for_an_existing_user_is_the_User_Already_Exists_error()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await sandbox.ConnectNewUserAsync("user-1");

        using var response = await sandbox.PostAsync("/sandbox/v1/ui/open", new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });
        var error = await SandboxApp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("User Already Exists", error.GetProperty("message").GetString());
        Assert.Equal("USER_ALREADY_EXISTS", error.GetProperty("code").GetString());
        Assert.True(error.TryGetProperty("detailedMessage", out _));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("stale")]
    public async Task Edit_mode_with_an_unknown_or_stale_publicToken_is_an_error(string which)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var publicToken = which;
        if (which == "stale")
        {
            publicToken = tokens.GetProperty("publicToken").GetString()!;
            using var rotated = await sandbox.PublicTokensAsync(tokens.GetProperty("humanId").GetString()!);
            Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        }

        using var response = await sandbox.PostAsync("/sandbox/v1/ui/open", new { clientId = SandboxApp.ClientId, clientUserId = "user-1", publicToken });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("INVALID_PUBLIC_TOKEN", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_unknown_clientId_is_an_error()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await sandbox.PostAsync("/sandbox/v1/ui/open", new { clientId = TestData.ClientId, clientUserId = "user-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNKNOWN_CLIENT", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Edit_mode_shows_connected_sources_and_disconnecting_one_is_a_change()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");

        var view = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1", publicToken = tokens.GetProperty("publicToken").GetString() });
        var pharmacy = view.GetProperty("sources").EnumerateArray().Single(source => source.GetProperty("name").GetString() == "Starfleet Pharmacy");
        var disconnected = await SetSourceAsync(sandbox, view, "Starfleet Pharmacy", connected: false);
        var done = await DoneAsync(sandbox, disconnected);

        Assert.Equal("edit", view.GetProperty("mode").GetString());
        Assert.True(pharmacy.GetProperty("connected").GetBoolean());
        Assert.True(disconnected.GetProperty("changed").GetBoolean());
        Assert.True(done.GetProperty("finished").GetBoolean());
    }

    [Fact]
    public async Task A_reload_resumes_the_session_that_created_the_user_but_never_another_users_session()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var view = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });
        await SetSourceAsync(sandbox, view, "Starfleet Medical", connected: true);
        var sessionToken = view.GetProperty("sessionToken").GetString();

        var resumed = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1", sessionToken });
        var someoneElse = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-2", sessionToken });

        Assert.Equal(sessionToken, resumed.GetProperty("sessionToken").GetString());
        Assert.True(resumed.GetProperty("changed").GetBoolean());
        Assert.NotEqual(sessionToken, someoneElse.GetProperty("sessionToken").GetString());
        Assert.NotEqual(view.GetProperty("humanId").GetString(), someoneElse.GetProperty("humanId").GetString());
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("  ")]
    [InlineData("\t")]
    public async Task A_session_token_with_the_legacy_scripts_leading_space_still_resumes(string padding)
    {
        // Human API's connect.js appends "&sessionToken= " + token: the page receives the token after a space.
        await using var sandbox = await SandboxApp.StartAsync();
        var view = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });
        await SetSourceAsync(sandbox, view, "Starfleet Medical", connected: true);
        var sessionToken = view.GetProperty("sessionToken").GetString();

        var resumed = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1", sessionToken = padding + sessionToken });

        Assert.Equal(sessionToken, resumed.GetProperty("sessionToken").GetString());
        Assert.True(resumed.GetProperty("changed").GetBoolean());
    }

    [Fact]
    public async Task An_expired_page_session_cannot_connect_anything()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var view = await OpenAsync(sandbox, new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });

        sandbox.Time.Advance(HumanApiSandboxDefaults.ConnectSessionLifetime);
        using var response = await sandbox.PostAsync("/sandbox/v1/ui/source",
            new { sessionToken = view.GetProperty("sessionToken").GetString(), source = "Starfleet Medical", connected = true });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("SESSION_EXPIRED", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    private static Task<JsonElement> OpenAsync(SandboxApp sandbox, object request) =>
        HostedPageCalls.OpenAsync(sandbox.Http, "/sandbox", request);

    private static Task<JsonElement> SetSourceAsync(SandboxApp sandbox, JsonElement view, string source, bool connected) =>
        HostedPageCalls.SetSourceAsync(sandbox.Http, "/sandbox", view, source, connected);

    private static Task<JsonElement> DoneAsync(SandboxApp sandbox, JsonElement view) =>
        HostedPageCalls.DoneAsync(sandbox.Http, "/sandbox", view);
}
