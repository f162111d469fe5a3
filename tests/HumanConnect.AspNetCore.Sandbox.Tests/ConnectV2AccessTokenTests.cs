using System.Net;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.ConnectV2Calls;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Connect v2's access tokens on the data API (alongside legacy accessTokens), their 24-hour expiry on the sandbox's
/// clock, deletion, and the migration path: a legacy user gets v2 tokens for the exact same clientUserId and humanId.
/// </summary>
public sealed class ConnectV2AccessTokenTests
{
    [Fact]
    public async Task A_v2_access_token_reads_its_users_data()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var humanId = await ConnectNewUserAsync(sandbox.Http, "user-1", "Starfleet Medical");
        var token = await AccessTokenAsync(sandbox.Http, "user-1");

        var profile = await sandbox.DataJsonAsync(token, "/profile");
        var sources = await sandbox.DataJsonAsync(token, "/sources");

        Assert.Equal(humanId, profile.GetProperty("humanId").GetString());
        Assert.Equal(["Starfleet Medical"], Names(sources, "sourceName"));
    }

    [Fact]
    public async Task A_v2_access_token_works_until_24_hours_on_the_sandbox_clock_then_is_401()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await ConnectNewUserAsync(sandbox.Http, "user-1");
        var token = await AccessTokenAsync(sandbox.Http, "user-1");

        sandbox.Time.Advance(HumanApiSandboxDefaults.AccessTokenLifetime - TimeSpan.FromSeconds(1));
        using var justBefore = await sandbox.DataAsync(token, "/profile");
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var atExpiry = await sandbox.DataAsync(token, "/profile");
        var fresh = await AccessTokenAsync(sandbox.Http, "user-1");
        using var renewed = await sandbox.DataAsync(fresh, "/profile");

        Assert.Equal(HttpStatusCode.OK, justBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, atExpiry.StatusCode);
        Assert.Equal("invalid_token", (await SandboxApp.ReadJsonAsync(atExpiry)).GetProperty("errorCode").GetString());
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
    }

    [Fact]
    public async Task A_deleted_user_s_v2_tokens_are_dead_and_a_new_session_is_a_new_human()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var humanId = await ConnectNewUserAsync(sandbox.Http, "user-1");
        var token = await AccessTokenAsync(sandbox.Http, "user-1");
        var idToken = (await MintAsync(sandbox.Http, "id", "user-1")).GetProperty("id_token").GetString()!;

        using var deleted = await sandbox.AppsAsync(HttpMethod.Delete, "/" + humanId);
        using var data = await sandbox.DataAsync(token, "/profile");
        using var access = await TokenAsync(sandbox.Http, "access", "user-1");
        using var id = await TokenAsync(sandbox.Http, "id", "user-1");
        using var page = await PageSessionAsync(sandbox.Http, idToken);
        var session = await MintAsync(sandbox.Http, "session", "user-1");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        await AssertErrorAsync(access, HttpStatusCode.NotFound, "user_not_found");
        await AssertErrorAsync(id, HttpStatusCode.NotFound, "user_not_found");
        await AssertErrorAsync(page, HttpStatusCode.Unauthorized, "SESSION_TOKEN_INVALID");
        Assert.NotEqual(humanId, session.GetProperty("human_id").GetString());
    }

    [Fact]
    public async Task A_legacy_user_gets_v2_tokens_for_the_same_clientUserId_with_the_same_humanId_and_both_tokens_read_data()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var legacy = await sandbox.ConnectNewUserAsync("legacy-user-7");
        var legacyHumanId = legacy.GetProperty("humanId").GetString();

        var access = await AccessTokenAsync(sandbox.Http, "legacy-user-7");
        var id = await MintAsync(sandbox.Http, "id", "legacy-user-7");
        var session = await MintAsync(sandbox.Http, "session", "legacy-user-7");
        var viaV2 = await sandbox.DataJsonAsync(access, "/profile");
        var viaLegacy = await sandbox.DataJsonAsync(legacy.GetProperty("accessToken").GetString(), "/profile");

        Assert.Equal(legacyHumanId, session.GetProperty("human_id").GetString());
        Assert.Equal(legacyHumanId, viaV2.GetProperty("humanId").GetString());
        Assert.Equal(legacyHumanId, viaLegacy.GetProperty("humanId").GetString());
        Assert.False(string.IsNullOrEmpty(id.GetProperty("id_token").GetString()));
    }

    [Fact]
    public async Task A_source_connected_in_v2_shows_in_the_legacy_edit_mode_and_the_other_way_round()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var legacy = await sandbox.ConnectNewUserAsync("user-1");
        var idToken = (await MintAsync(sandbox.Http, "id", "user-1")).GetProperty("id_token").GetString()!;

        var page = await ConnectAsync(sandbox.Http, idToken, "Starfleet Medical");
        var edit = await HostedPageCalls.OpenAsync(sandbox.Http, "/sandbox",
            new { clientId = SandboxApp.ClientId, clientUserId = "user-1", publicToken = legacy.GetProperty("publicToken").GetString() });

        Assert.Equal(["Starfleet Pharmacy", "Starfleet Medical"], Names(page.GetProperty("currentConnections")));
        Assert.All(edit.GetProperty("sources").EnumerateArray(), source => Assert.True(source.GetProperty("connected").GetBoolean()));
    }

    [Fact]
    public async Task Sources_connected_in_v2_survive_a_restart_through_the_state_file()
    {
        var directory = Directory.CreateTempSubdirectory("hc-sandbox-v2-").FullName;
        try
        {
            var stateFile = Path.Combine(directory, "state.json");
            string humanId;
            await using (var before = await StartAsync(stateFile))
            {
                humanId = await ConnectNewUserAsync(before.Http, "user-1", "Starfleet Medical");
            }

            await using var after = await StartAsync(stateFile);
            var session = await MintAsync(after.Http, "session", "user-1");
            var token = await AccessTokenAsync(after.Http, "user-1");
            var sources = await after.DataJsonAsync(token, "/sources");

            Assert.Equal(humanId, session.GetProperty("human_id").GetString());
            Assert.Equal(["Starfleet Medical"], Names(sources, "sourceName"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Task<SandboxApp> StartAsync(string stateFile) =>
        SandboxApp.StartAsync(configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = stateFile));
}
