using System.Security.Cryptography;
using System.Text;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>What the default store leaves in the cache, read back raw: nothing readable, and no expiry.</summary>
public sealed class DefaultStoreAtRestTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private const string ProtectorPurpose = DefaultStoreLayout.ProtectorPurpose;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_host_registered_cache_is_used_and_holds_no_readable_token()
    {
        using var services = StoreHost.Build(s => s.AddStackExchangeRedisCache(o => o.Configuration = redis.Configuration));
        Assert.IsAssignableFrom<RedisCache>(services.GetRequiredService<IDistributedCache>());
        var tokens = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "client-user");
        var userId = TestData.Alice + "-" + Guid.NewGuid().ToString("N");

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        Assert.Empty(await ScanKeysAsync(connection, "*" + userId + "*"));
        RedisKey key = DefaultStoreLayout.KeyOf(userId);
        var bytes = (byte[])(await database.HashGetAsync(key, "data"))!;
        var raw = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(tokens.AccessToken, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.PublicToken!, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.ClientUserId, raw, StringComparison.Ordinal);
        Assert.Equal(tokens.HumanId, DefaultStoreLayout.Split(bytes).HumanId);
        Assert.Null(await database.KeyTimeToLiveAsync(key));
        AssertProtectedWithThisKeyRingOnly(services, (byte[])(await database.HashGetAsync(key, "data"))!, tokens);
    }

    [Fact]
    public async Task The_memory_cache_holds_no_readable_token()
    {
        using var services = StoreHost.Build();
        var tokens = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "client-user");

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, tokens, Cancellation);

        var raw = await services.GetRequiredService<IDistributedCache>().GetAsync(DefaultStoreLayout.KeyOf(TestData.Alice), Cancellation);
        Assert.NotNull(raw);
        var text = Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain(tokens.AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.PublicToken!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.ClientUserId, text, StringComparison.Ordinal);
        Assert.Equal(tokens.HumanId, DefaultStoreLayout.Split(raw).HumanId);
        AssertProtectedWithThisKeyRingOnly(services, raw, tokens);
    }

    [Fact]
    public async Task A_record_under_the_old_clear_id_key_moves_to_the_hashed_key_on_first_read()
    {
        using var services = StoreHost.Build(s => s.AddStackExchangeRedisCache(o => o.Configuration = redis.Configuration));
        var email = $"alice-{Guid.NewGuid():N}@example.com";
        var tokens = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "client-user");
        await services.GetRequiredService<IDistributedCache>().SetAsync(DefaultStoreLayout.LegacyKeyOf(email),
            DefaultStoreLayout.LegacyRecord(services.GetRequiredService<IDataProtectionProvider>(), tokens), new DistributedCacheEntryOptions(), Cancellation);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.Single(await ScanKeysAsync(connection, "*" + email + "*"));

        var read = await services.GetRequiredService<IHumanTokenStore>().GetAsync(email, Cancellation);

        Assert.Equal(tokens, read);
        Assert.Empty(await ScanKeysAsync(connection, "*" + email + "*"));
        Assert.True(await connection.GetDatabase().KeyExistsAsync(DefaultStoreLayout.KeyOf(email)));
        Assert.Equal(tokens, await services.GetRequiredService<IHumanTokenStore>().GetAsync(email, Cancellation));
    }

    [Fact]
    public async Task Each_host_has_its_own_ephemeral_key_ring()
    {
        // The harness must not share (or persist) keys: then another host's store cannot read this one's records.
        using var thisHost = StoreHost.Build(s => s.AddStackExchangeRedisCache(o => o.Configuration = redis.Configuration));
        using var otherHost = StoreHost.Build(s => s.AddStackExchangeRedisCache(o => o.Configuration = redis.Configuration));
        var userId = TestData.Alice + "-" + Guid.NewGuid().ToString("N");
        var tokens = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "client-user");
        await thisHost.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation);

        // It cannot open the record: it gets the humanId kept beside it and nothing else.
        var seenByOther = await otherHost.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation);
        Assert.Equal((tokens.HumanId, string.Empty, null), (seenByOther?.HumanId, seenByOther?.AccessToken, seenByOther?.PublicToken));
        Assert.Equal(tokens, await thisHost.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation));
    }

    /// <summary>
    /// The bytes are Data Protection output under the store's purpose: this host's key ring opens them, another
    /// cannot. Text checks alone would pass for base64 of the record.
    /// </summary>
    private static void AssertProtectedWithThisKeyRingOnly(IServiceProvider services, byte[] record, HumanTokens tokens)
    {
        var raw = DefaultStoreLayout.Split(record).Payload;
        var own = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectorPurpose);
        Assert.Contains(tokens.AccessToken, Encoding.UTF8.GetString(own.Unprotect(raw)), StringComparison.Ordinal);
        var foreign = new EphemeralDataProtectionProvider().CreateProtector(ProtectorPurpose);
        Assert.ThrowsAny<CryptographicException>(() => foreign.Unprotect(raw));
    }

    private static async Task<List<RedisKey>> ScanKeysAsync(ConnectionMultiplexer connection, string pattern)
    {
        var keys = new List<RedisKey>();
        var server = connection.GetServer(connection.GetEndPoints().Single());
        await foreach (var key in server.KeysAsync(pattern: pattern))
        {
            keys.Add(key);
        }

        return keys;
    }
}
