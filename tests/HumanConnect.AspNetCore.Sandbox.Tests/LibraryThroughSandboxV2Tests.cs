using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The library in Connect v2 through the sandbox over real loopback HTTP: the button's token minted at the sandbox's
/// token endpoint, the hosted v2 page's calls made as its script makes them, the sync confirmed with an access token,
/// and legacy users migrated by their exact clientUserId.
/// </summary>
public sealed class LibraryThroughSandboxV2Tests
{
    private const string Pharmacy = "Starfleet Pharmacy";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<LibraryApp> StartV2Async() => LibraryApp.StartAsync(configure: o => o.ConnectVersion = HumanConnectVersion.V2);

    [Fact]
    public async Task A_new_user_connects_syncs_and_comes_back_as_a_returning_user_then_disconnects()
    {
        await using var app = await StartV2Async();
        var alice = await app.SignInAsync(TestData.Alice);

        var first = await LibraryApp.RenderButtonAsync(alice);
        Assert.Equal("create", first.State);
        Assert.Null(first.Config);
        var view = await PageAsync(app, "session", first.HapiToken);
        Assert.Equal("session", view.GetProperty("tokenType").GetString());

        await SourceAsync(app, first.HapiToken, Pharmacy, connected: true);
        var synced = await SyncAsync(alice);
        var stored = await app.StoredTokensOf(TestData.Alice);

        Assert.True(synced.GetProperty("connected").GetBoolean());
        Assert.NotNull(stored);
        Assert.Equal(synced.GetProperty("humanId").GetString(), stored.HumanId);
        Assert.Equal(HumanTokens.ForConnectV2(stored.HumanId, app.ClientUserIdOf(TestData.Alice), sourcesConnected: true), stored);

        var returning = await LibraryApp.RenderButtonAsync(alice);
        Assert.Equal("edit", returning.State);
        Assert.NotEqual(first.HapiToken, returning.HapiToken);
        Assert.Equal("id", (await PageAsync(app, "id", returning.HapiToken)).GetProperty("tokenType").GetString());

        await SourceAsync(app, returning.HapiToken, Pharmacy, connected: false);
        var afterDisconnect = await SyncAsync(alice);
        Assert.False(afterDisconnect.GetProperty("connected").GetBoolean());
        Assert.Equal(stored.HumanId, afterDisconnect.GetProperty("humanId").GetString());
        Assert.False((await app.StoredTokensOf(TestData.Alice))!.SourcesConnected);

        var logs = app.Host.AllLogText();
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(returning.HapiToken!, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_client_reads_a_v2_users_data_with_a_minted_access_token_and_nothing_once_disconnected()
    {
        await using var app = await StartV2Async();
        var alice = await app.SignInAsync(TestData.Alice);
        var button = await LibraryApp.RenderButtonAsync(alice);
        await SourceAsync(app, button.HapiToken, Pharmacy, connected: true);
        var humanId = (await SyncAsync(alice)).GetProperty("humanId").GetString();

        // No access token is stored in v2: the data client mints one at the sandbox's token endpoint and reads with it.
        var profile = await app.DataFor(TestData.Alice).GetProfileAsync(Ct);
        var sources = await app.DataFor(TestData.Alice).GetSourcesAsync(Ct);

        Assert.Equal(HumanDataFailure.None, profile.Failure);
        Assert.Equal(humanId, profile.Value!.HumanId);
        Assert.Equal(HumanDataFailure.None, sources.Failure);
        Assert.Contains(sources.Value!, source => source.SourceName == Pharmacy);
        Assert.Equal(string.Empty, (await app.StoredTokensOf(TestData.Alice))!.AccessToken);

        // Disconnected: the record and the cached access token are gone, so nothing is read (and Human API not asked).
        using var disconnected = await alice.PostAsync("/connect/disconnect", content: null, Ct);
        Assert.Equal(HttpStatusCode.OK, disconnected.StatusCode);
        Assert.Equal(HumanDataFailure.NotConnected, (await app.DataFor(TestData.Alice).GetProfileAsync(Ct)).Failure);

        var logs = app.Host.AllLogText();
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_view_after_the_first_reads_the_cached_token_and_the_sandbox_mints_nothing_more()
    {
        await using var app = await StartV2Async();
        var alice = await app.SignInAsync(TestData.Alice);

        var views = new List<RenderedButton>();
        for (var i = 0; i < 3; i++)
        {
            views.Add(await LibraryApp.RenderButtonAsync(alice));
        }

        Assert.Single(views.Select(v => v.HapiToken).Distinct());
        Assert.Single(app.Host.Logs.GetSnapshot(), r => r.Id.Name == "ConnectTokenMinted" && r.Category == "HumanConnect.AspNetCore.Upstream.ConnectTokenClient");
    }

    [Fact]
    public async Task A_sync_while_nothing_is_connected_stores_nothing()
    {
        await using var app = await StartV2Async();
        var alice = await app.SignInAsync(TestData.Alice);
        await LibraryApp.RenderButtonAsync(alice);

        var synced = await SyncAsync(alice);

        Assert.False(synced.GetProperty("connected").GetBoolean());
        Assert.Null(await app.StoredTokensOf(TestData.Alice));
    }

    [Fact]
    public async Task The_sandbox_refusing_the_apps_credentials_is_a_502_problem_and_a_disabled_button()
    {
        await using var app = await LibraryApp.StartAsync(
            configure: o => o.ConnectVersion = HumanConnectVersion.V2, postConfigure: o => o.ClientSecret = "0000000000000000000000000000000000000000");
        var alice = await app.SignInAsync(TestData.Alice);

        var button = await LibraryApp.RenderButtonAsync(alice);
        using var sync = await alice.PostAsync("/connect/sync", content: null, Ct);

        Assert.True(button.Disabled);
        Assert.Equal(HttpStatusCode.BadGateway, sync.StatusCode);
        var problem = await sync.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("upstream_rejected", problem.GetProperty("errorCode").GetString());
        Assert.DoesNotContain("invalid_client", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_legacy_user_is_migrated_by_the_exact_legacy_clientUserId_and_a_second_run_does_nothing()
    {
        // Connected through the legacy flow first, as the app did before the switch.
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));
        (await LibraryApp.FinishAsync(alice, session)).EnsureSuccessStatusCode();
        var legacy = await app.StoredTokensOf(TestData.Alice);
        Assert.Equal(HumanConnectVersion.Legacy, legacy!.ConnectVersion);

        var first = await MigrateAsync(app, TestData.Alice);
        var migrated = await app.StoredTokensOf(TestData.Alice);
        var second = await MigrateAsync(app, TestData.Alice);

        Assert.Equal(HumanConnectMigrationStatus.Migrated, first.Status);
        Assert.Equal(HumanTokens.ForConnectV2(legacy.HumanId, legacy.ClientUserId, sourcesConnected: true), migrated);
        Assert.Equal(HumanConnectMigrationStatus.AlreadyMigrated, second.Status);
    }

    [Fact]
    public async Task A_legacy_user_the_sandbox_has_no_source_for_needs_a_session_that_names_the_same_human()
    {
        await using var app = await StartV2Async();
        var alice = await app.SignInAsync(TestData.Alice);
        var clientUserId = app.ClientUserIdOf(TestData.Alice);

        // The sandbox knows the user (a session created them) but no source is connected: access is refused.
        var humanId = (await MintAsync(app, "session", clientUserId)).GetProperty("human_id").GetString()!;
        await using (var scope = app.Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>()
                .SaveAsync(TestData.Alice, new HumanTokens(humanId, "LEGACY-ACCESS", "LEGACY-PUBLIC", clientUserId), Ct);
        }

        var result = await MigrateAsync(app, TestData.Alice);
        var button = await LibraryApp.RenderButtonAsync(alice);

        Assert.Equal(HumanConnectMigrationStatus.NeedsSession, result.Status);
        Assert.Equal("LEGACY-ACCESS", (await app.StoredTokensOf(TestData.Alice))!.AccessToken);
        Assert.False(button.Disabled);
        Assert.Equal("id", (await PageAsync(app, "id", button.HapiToken)).GetProperty("tokenType").GetString());
    }

    private static async Task<HumanConnectMigrationResult> MigrateAsync(LibraryApp app, string localUserId)
    {
        await using var scope = app.Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IHumanConnectMigration>().MigrateAsync(localUserId, Ct);
    }

    private static async Task<JsonElement> SyncAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/connect/sync", content: null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sync answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>What the hosted v2 page's script asks when it opens with <paramref name="token"/>.</summary>
    private static async Task<JsonElement> PageAsync(LibraryApp app, string expectedType, string? token)
    {
        Assert.False(string.IsNullOrEmpty(token), $"the button rendered no {expectedType} token");
        return await PostOkAsync(app, $"{app.Prefix}/hapi-connect/api/session", new { token });
    }

    private static Task<JsonElement> SourceAsync(LibraryApp app, string? token, string source, bool connected) =>
        PostOkAsync(app, $"{app.Prefix}/hapi-connect/api/source", new { token, source, connected });

    private static Task<JsonElement> MintAsync(LibraryApp app, string type, string clientUserId) =>
        PostOkAsync(app, $"{app.Prefix}/v1/connect/token", new Dictionary<string, string>
        {
            ["type"] = type,
            ["client_id"] = HumanApiSandboxDefaults.ClientId,
            ["client_secret"] = HumanApiSandboxDefaults.ClientSecret,
            ["client_user_id"] = clientUserId,
        });

    private static async Task<JsonElement> PostOkAsync(LibraryApp app, string path, object body)
    {
        using var response = await app.Anonymous.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
