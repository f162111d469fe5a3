using System.Security.Cryptography;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// A record the app's key ring can no longer open (it was lost, or replaced by another): written by one app, read by
/// another with a key ring of its own, over the same cache.
/// </summary>
public sealed class DefaultTokenStoreKeyLossTests
{
    private const string Email = "alice@example.com";

    private readonly MemoryDistributedCache _sharedCache = new(Options.Create(new MemoryDistributedCacheOptions()));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HumanTokens Tokens() => new(TestData.HumanId, TestData.AccessToken, TestData.PublicToken, TestData.ClientUserIdOf(Email));

    /// <summary>An app on the shared cache with a fresh ephemeral key ring: every call is a replaced key ring.</summary>
    private ServiceProvider NewApp(IDataProtectionProvider? dataProtection = null)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton<IDistributedCache>(_sharedCache);
        services.AddSingleton(dataProtection ?? new EphemeralDataProtectionProvider());
        services.AddHumanConnect(o =>
        {
            o.ClientId = TestData.ClientId;
            o.ClientSecret = TestData.ClientSecret;
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public async Task A_record_under_a_replaced_key_ring_reads_as_its_humanId_alone_and_is_logged_as_an_error()
    {
        await using (var before = NewApp())
        {
            await before.GetRequiredService<IHumanTokenStore>().SaveAsync(Email, Tokens(), Ct);
        }

        await using var after = NewApp();
        var read = await after.GetRequiredService<IHumanTokenStore>().GetAsync(Email, Ct);

        // What the button needs to renew the publicToken and reopen Connect in edit mode, and nothing it cannot know.
        Assert.Equal(new HumanTokens(TestData.HumanId, string.Empty, null, TestData.ClientUserIdOf(Email)), read);
        var logged = Assert.Single(after.GetFakeLogCollector().GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal((25, "StoreRecordUnreadable", LogLevel.Error), (logged.Id.Id, logged.Id.Name, logged.Level));
        Assert.DoesNotContain("alice", logged.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestData.HumanId, logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_unreadable_record_is_kept_until_a_save_replaces_it_with_one_the_new_key_ring_reads()
    {
        await using (var before = NewApp())
        {
            await before.GetRequiredService<IHumanTokenStore>().SaveAsync(Email, Tokens(), Ct);
        }

        await using var after = NewApp();
        var store = after.GetRequiredService<IHumanTokenStore>();
        var lost = (await store.GetAsync(Email, Ct))!;
        Assert.NotNull(await _sharedCache.GetAsync(DefaultStoreLayout.KeyOf(Email), Ct));

        await store.SaveAsync(Email, lost with { PublicToken = TestData.NewPublicToken }, Ct);

        Assert.Equal(lost with { PublicToken = TestData.NewPublicToken }, await store.GetAsync(Email, Ct));
        Assert.Single(after.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id == 25);
    }

    [Fact]
    public async Task A_record_of_an_earlier_release_under_a_replaced_key_ring_is_lost_logged_and_left_in_place()
    {
        var legacyKey = DefaultStoreLayout.LegacyKeyOf(Email);
        await _sharedCache.SetAsync(legacyKey, DefaultStoreLayout.LegacyRecord(new EphemeralDataProtectionProvider(), Tokens()), new(), Ct);
        await using var app = NewApp();

        var read = await app.GetRequiredService<IHumanTokenStore>().GetAsync(Email, Ct);

        Assert.Null(read);
        var logged = Assert.Single(app.GetFakeLogCollector().GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Equal((26, "StoreLegacyRecordLost", LogLevel.Error), (logged.Id.Id, logged.Id.Name, logged.Level));

        // Not deleted on a failed read: a key ring restored from a backup would open it again.
        Assert.NotNull(await _sharedCache.GetAsync(legacyKey, Ct));
        Assert.Null(await _sharedCache.GetAsync(DefaultStoreLayout.KeyOf(Email), Ct));
    }

    [Fact]
    public async Task A_key_ring_that_cannot_be_loaded_is_a_store_failure_not_a_lost_record()
    {
        await using (var before = NewApp())
        {
            await before.GetRequiredService<IHumanTokenStore>().SaveAsync(Email, Tokens(), Ct);
        }

        var stored = await _sharedCache.GetAsync(DefaultStoreLayout.KeyOf(Email), Ct);
        await using var app = NewApp(new KeyRingUnreachable());

        var failure = await Assert.ThrowsAsync<CryptographicException>(() => app.GetRequiredService<IHumanTokenStore>().GetAsync(Email, Ct));

        Assert.IsType<IOException>(failure.InnerException);
        Assert.DoesNotContain(app.GetFakeLogCollector().GetSnapshot(), r => r.Id.Id is 25 or 26);
        Assert.Equal(stored, await _sharedCache.GetAsync(DefaultStoreLayout.KeyOf(Email), Ct));
    }

    [Fact]
    public async Task The_cache_holds_the_humanId_beside_a_payload_only_the_apps_key_ring_opens()
    {
        var dataProtection = new EphemeralDataProtectionProvider();
        await using var app = NewApp(dataProtection);
        await app.GetRequiredService<IHumanTokenStore>().SaveAsync(Email, Tokens(), Ct);

        var (humanId, payload) = DefaultStoreLayout.Split((await _sharedCache.GetAsync(DefaultStoreLayout.KeyOf(Email), Ct))!);

        Assert.Equal(TestData.HumanId, humanId);
        Assert.Equal(Tokens().AccessToken, ReadAccessToken(dataProtection.CreateProtector(DefaultStoreLayout.ProtectorPurpose).Unprotect(payload)));
        Assert.ThrowsAny<CryptographicException>(() => new EphemeralDataProtectionProvider().CreateProtector(DefaultStoreLayout.ProtectorPurpose).Unprotect(payload));
    }

    private static string? ReadAccessToken(byte[] json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("accessToken").GetString();

    /// <summary>What Data Protection throws when its key repository (a file share, Redis) cannot be read: the cause, wrapped.</summary>
    private sealed class KeyRingUnreachable : IDataProtectionProvider, IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => throw new CryptographicException("An error occurred during a cryptographic operation.", new IOException("share unreachable"));

        public byte[] Unprotect(byte[] protectedData) => throw new CryptographicException("An error occurred during a cryptographic operation.", new IOException("share unreachable"));
    }
}
