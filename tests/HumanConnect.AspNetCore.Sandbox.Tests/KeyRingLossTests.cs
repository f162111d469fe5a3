using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// A host that restarts without its Data Protection key ring, over a cache and a Human API that both remember the
/// user: what the user sees, through the library's button and endpoints and the sandbox over real loopback HTTP.
/// </summary>
public sealed class KeyRingLossTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("hc-key-loss-").FullName;

    /// <summary>Outlives each app instance, as Redis would.</summary>
    private readonly MemoryDistributedCache _cache = new(Options.Create(new MemoryDistributedCacheOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Each start has a new key ring kept nowhere: a host that never persisted its keys loses them on restart.</summary>
    private Task<LibraryApp> StartAsync() => LibraryApp.StartAsync(services: services =>
    {
        services.AddSingleton<IDistributedCache>(_cache);
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.Configure<HumanApiSandboxOptions>(options => options.StateFilePath = Path.Combine(_directory, "sandbox-state.json"));
    });

    /// <summary>Alice connects on a first instance; returns her humanId and publicToken, then that instance and its keys are gone.</summary>
    private async Task<(string HumanId, string PublicToken)> ConnectOnAnInstanceThatLosesItsKeysAsync(bool asEarlierRelease = false)
    {
        await using var before = await StartAsync();
        var alice = await before.SignInAsync(TestData.Alice);
        using var finished = await LibraryApp.FinishAsync(alice, await before.CreateSessionAsync(before.ClientUserIdOf(TestData.Alice)));
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        var stored = (await before.StoredTokensOf(TestData.Alice))!;
        if (asEarlierRelease)
        {
            // The same record as a release before the humanId was kept beside it wrote it.
            await _cache.RemoveAsync(DefaultStoreLayout.KeyOf(TestData.Alice), Ct);
            await _cache.SetAsync(DefaultStoreLayout.LegacyKeyOf(TestData.Alice),
                DefaultStoreLayout.LegacyRecord(before.Host.Services.GetRequiredService<IDataProtectionProvider>(), stored), new(), Ct);
        }

        return (stored.HumanId, stored.PublicToken!);
    }

    [Fact]
    public async Task The_button_reopens_Connect_in_edit_mode_and_the_users_reconnect_stores_fresh_tokens()
    {
        var (humanId, lostPublicToken) = await ConnectOnAnInstanceThatLosesItsKeysAsync();
        await using var app = await StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);

        var button = await LibraryApp.RenderButtonAsync(alice);

        Assert.False(button.Disabled);
        var publicToken = button.Config!.Value.GetProperty("publicToken").GetString();
        Assert.False(string.IsNullOrEmpty(publicToken));
        Assert.NotEqual(lostPublicToken, publicToken);

        // The renewed publicToken opens the hosted page in edit mode; the user connects, and finish stores new tokens.
        var reconnect = await app.ConnectThroughPageAsync(app.ClientUserIdOf(TestData.Alice), publicToken);
        using var finished = await LibraryApp.FinishAsync(alice, reconnect);
        var answer = JsonDocument.Parse(await finished.Content.ReadAsStringAsync(Ct)).RootElement;
        var stored = await app.StoredTokensOf(TestData.Alice);

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal(humanId, stored!.HumanId);
        Assert.False(string.IsNullOrEmpty(stored.AccessToken));
        Assert.Equal(answer.GetProperty("publicToken").GetString(), stored.PublicToken);
        Assert.Equal(stored.PublicToken, (await LibraryApp.RenderButtonAsync(alice)).Config!.Value.GetProperty("publicToken").GetString());

        // The operator is told on each read of the unreadable record, with the event's own id: the render reads it,
        // and the heal reads it once more under the user's lock before renewing. No token reaches the log.
        var unreadable = LibraryEvents(app).Where(record => record.Id.Id == 25).ToList();
        Assert.Equal(2, unreadable.Count);
        Assert.All(unreadable, record => Assert.Equal(("StoreRecordUnreadable", LogLevel.Error), (record.Id.Name, record.Level)));
        Assert.DoesNotContain(stored.AccessToken, app.Host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_token_endpoint_renews_the_lost_publicToken_too()
    {
        var (humanId, lostPublicToken) = await ConnectOnAnInstanceThatLosesItsKeysAsync();
        await using var app = await StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await alice.PostAsync("/connect/public-token", content: null, Ct);
        var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(humanId, answer.GetProperty("humanId").GetString());
        Assert.NotEqual(lostPublicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(answer.GetProperty("publicToken").GetString(), (await app.StoredTokensOf(TestData.Alice))!.PublicToken);
    }

    [Fact]
    public async Task A_record_an_earlier_release_wrote_has_no_humanId_to_recover_so_create_mode_meets_User_Already_Exists()
    {
        // The documented limit: only deleting the user at Human API (an App Key, not in the library yet) frees create mode.
        await ConnectOnAnInstanceThatLosesItsKeysAsync(asEarlierRelease: true);
        await using var app = await StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);

        var button = await LibraryApp.RenderButtonAsync(alice);
        using var createMode = await app.Anonymous.PostAsJsonAsync("/sandbox/v1/connect/sessions", new
        {
            clientId = HumanApiSandboxDefaults.ClientId,
            clientSecret = HumanApiSandboxDefaults.ClientSecret,
            clientUserId = app.ClientUserIdOf(TestData.Alice),
        }, Ct);

        Assert.False(button.Disabled);
        Assert.False(button.Config!.Value.TryGetProperty("publicToken", out _));
        Assert.Equal(HttpStatusCode.Conflict, createMode.StatusCode);
        var lost = Assert.Single(LibraryEvents(app), record => record.Id.Id == 26);
        Assert.Equal(("StoreLegacyRecordLost", LogLevel.Error), (lost.Id.Name, lost.Level));
    }

    /// <summary>The library's own events: ids are per assembly, and the framework's categories reuse small ones.</summary>
    private static IEnumerable<FakeLogRecord> LibraryEvents(LibraryApp app) =>
        app.Host.Logs.GetSnapshot().Where(record => record.Category?.StartsWith("HumanConnect.AspNetCore.", StringComparison.Ordinal) == true
            && record.Category?.StartsWith("HumanConnect.AspNetCore.Sandbox.", StringComparison.Ordinal) != true);

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }
}
