using System.Net;
using System.Text.RegularExpressions;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The Application API, <c>/v1/apps/{clientId}/users</c>: the app's users, read and deleted with the App Key.</summary>
public sealed partial class ApplicationApiTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hc-sandbox-apps-").FullName;

    [Fact]
    public async Task The_list_names_every_user_of_the_app_with_its_externalId_and_times()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var first = await sandbox.ConnectNewUserAsync("user-1");
        sandbox.Time.Advance(TimeSpan.FromMinutes(5));
        var second = await sandbox.ConnectNewUserAsync("user-2");

        using var response = await sandbox.AppsAsync(HttpMethod.Get);
        var users = (await SandboxApp.ReadJsonAsync(response)).EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2", Assert.Single(response.Headers.GetValues("X-Total-Count")));
        Assert.Equal([first.GetProperty("humanId").GetString(), second.GetProperty("humanId").GetString()], users.Select(u => u.GetProperty("humanId").GetString()));
        Assert.Equal(["user-1", "user-2"], users.Select(u => u.GetProperty("externalId").GetString()));
        Assert.All(users, u => Assert.Equal(SandboxApp.ClientId, u.GetProperty("appId").GetString()));
        Assert.Equal("2030-01-01T00:00:00.000Z", users[0].GetProperty("createdAt").GetString());
        Assert.Equal("2030-01-01T00:05:00.000Z", users[1].GetProperty("updatedAt").GetString());
        Assert.Equal(["humanId", "externalId", "appId", "createdAt", "updatedAt"], users[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task One_user_is_read_by_humanId_and_an_unknown_one_is_a_404_problem()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var humanId = tokens.GetProperty("humanId").GetString();
        sandbox.Time.Advance(TimeSpan.FromHours(1));
        await sandbox.CreateSessionAsync("user-1", tokens.GetProperty("publicToken").GetString(), SandboxApp.BothSources);

        using var found = await sandbox.AppsAsync(HttpMethod.Get, "/" + humanId);
        using var missing = await sandbox.AppsAsync(HttpMethod.Get, "/0123456789abcdef01234567");
        var user = await SandboxApp.ReadJsonAsync(found);

        Assert.Equal(humanId, user.GetProperty("humanId").GetString());
        Assert.Equal("user-1", user.GetProperty("externalId").GetString());
        Assert.Equal("2030-01-01T01:00:00.000Z", user.GetProperty("updatedAt").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("user_not_found", (await SandboxApp.ReadJsonAsync(missing)).GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task Delete_is_204_and_empty_then_the_users_tokens_are_dead_and_connect_starts_afresh_in_create_mode()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var humanId = tokens.GetProperty("humanId").GetString()!;
        var pendingSession = await sandbox.CreateSessionAsync("user-1", tokens.GetProperty("publicToken").GetString());

        using var deleted = await sandbox.AppsAsync(HttpMethod.Delete, "/" + humanId);
        using var data = await sandbox.DataAsync(tokens.GetProperty("accessToken").GetString(), "/activities");
        using var publicTokens = await sandbox.PublicTokensAsync(humanId);
        using var pendingExchange = await sandbox.ExchangeAsync(pendingSession);
        using var read = await sandbox.AppsAsync(HttpMethod.Get, "/" + humanId);
        using var again = await sandbox.AppsAsync(HttpMethod.Delete, "/" + humanId);
        using var editMode = await sandbox.PostAsync("/sandbox/v1/ui/open", new { publicToken = tokens.GetProperty("publicToken").GetString() });
        using var createMode = await sandbox.PostAsync("/sandbox/v1/ui/open", new { clientId = SandboxApp.ClientId, clientUserId = "user-1" });
        var reconnected = await sandbox.ConnectNewUserAsync("user-1");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, publicTokens.StatusCode);
        Assert.Equal("UNKNOWN_HUMAN", (await SandboxApp.ReadJsonAsync(publicTokens)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, pendingExchange.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, editMode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, createMode.StatusCode);
        Assert.Equal("create", (await SandboxApp.ReadJsonAsync(createMode)).GetProperty("mode").GetString());
        Assert.NotEqual(humanId, reconnected.GetProperty("humanId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await sandbox.DataAsync(reconnected.GetProperty("accessToken").GetString(), "/profile")).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_user_ends_their_open_Connect_session()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        using var opened = await sandbox.PostAsync("/sandbox/v1/ui/open", new { publicToken = tokens.GetProperty("publicToken").GetString() });
        var session = (await SandboxApp.ReadJsonAsync(opened)).GetProperty("sessionToken").GetString();

        using var deleted = await sandbox.AppsAsync(HttpMethod.Delete, "/" + tokens.GetProperty("humanId").GetString());
        using var source = await sandbox.PostAsync("/sandbox/v1/ui/source", new { sessionToken = session, source = "Starfleet Medical", connected = true });
        using var list = await sandbox.AppsAsync(HttpMethod.Get);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, source.StatusCode);
        Assert.Equal("[]", await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_deletion_persists_through_the_state_file()
    {
        var stateFile = Path.Combine(_directory, "state.json");
        string accessToken;
        await using (var before = await StartAsync(stateFile))
        {
            var tokens = await before.ConnectNewUserAsync("user-1");
            await before.ConnectNewUserAsync("user-2");
            accessToken = tokens.GetProperty("accessToken").GetString()!;
            using var deleted = await before.AppsAsync(HttpMethod.Delete, "/" + tokens.GetProperty("humanId").GetString());
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        await using var after = await StartAsync(stateFile);
        using var data = await after.DataAsync(accessToken, "/profile");
        using var list = await after.AppsAsync(HttpMethod.Get);
        var users = await SandboxApp.ReadJsonAsync(list);

        Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        Assert.Equal(["user-2"], users.EnumerateArray().Select(u => u.GetProperty("externalId").GetString()));
        Assert.DoesNotContain(accessToken, await File.ReadAllTextAsync(stateFile, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        await after.ConnectNewUserAsync("user-1");
    }

    public static TheoryData<string?, string, string> WrongCredentials() => new()
    {
        { null, SandboxApp.ClientId, "" },
        { "0000000000000000000000000000000000000000", SandboxApp.ClientId, "" },
        { SandboxApp.AppKey + "0", SandboxApp.ClientId, "" },
        { "", SandboxApp.ClientId, "" },
        { SandboxApp.AppKey, SandboxApp.ClientId, "not-empty" },
        { SandboxApp.AppKey, "0000000000000000000000000000000000000000", "" },
    };

    [Theory]
    [MemberData(nameof(WrongCredentials))]
    public async Task A_wrong_or_missing_App_Key_or_another_clientId_is_401_and_changes_nothing(string? appKey, string clientId, string password)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var humanId = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("humanId").GetString();

        using var list = await sandbox.AppsAsync(HttpMethod.Get, appKey: appKey, clientId: clientId, password: password);
        using var delete = await sandbox.AppsAsync(HttpMethod.Delete, "/" + humanId, appKey, clientId, password);
        using var stillThere = await sandbox.AppsAsync(HttpMethod.Get, "/" + humanId);

        foreach (var response in new[] { list, delete })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Basic", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
            var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("invalid_app_key", body, StringComparison.Ordinal);
            Assert.DoesNotContain(SandboxApp.AppKey, body, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
        Assert.DoesNotContain(SandboxApp.AppKey, sandbox.Host.AllLogText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic !!!")]
    [InlineData("Basic ")]
    [InlineData("Bearer demo")]
    [InlineData("Basic /w==")]
    public async Task A_malformed_Authorization_header_is_401(string header)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/sandbox/v1/apps/{SandboxApp.ClientId}/users");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_published_App_Key_is_40_hex_characters_and_the_key_option_is_validated()
    {
        Assert.Matches(Hex40(), HumanApiSandboxDefaults.AppKey);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => SandboxApp.StartAsync(
            configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.AppKey = "has:colon")));
        Assert.Contains(nameof(HumanApiSandboxOptions.AppKey), error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task<SandboxApp> StartAsync(string stateFile) =>
        SandboxApp.StartAsync(configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = stateFile));

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex Hex40();
}
