using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>What the default store leaves in the cache, read back raw: nothing readable, and no expiry.</summary>
public sealed class DefaultStoreAtRestTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_host_registered_cache_is_used_and_holds_no_readable_token()
    {
        using var services = StoreHost.Build(s => s.AddStackExchangeRedisCache(o => o.Configuration = redis.Configuration));
        Assert.IsAssignableFrom<RedisCache>(services.GetRequiredService<IDistributedCache>());
        var tokens = new HumanTokens("52867cbede3155565f000a0d", "ACCESS-" + Guid.NewGuid().ToString("N") + "==", "2767d60ea95f4c3db8e8f3d0a1238302", "client-user");
        var userId = "alice-" + Guid.NewGuid().ToString("N");

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var database = connection.GetDatabase();
        var key = (await ScanKeysAsync(connection, "*" + userId + "*")).Single();
        var raw = Encoding.UTF8.GetString((byte[])(await database.HashGetAsync(key, "data"))!);
        Assert.DoesNotContain(tokens.AccessToken, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.HumanId, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.PublicToken!, raw, StringComparison.Ordinal);
        Assert.Null(await database.KeyTimeToLiveAsync(key));
    }

    [Fact]
    public async Task The_memory_cache_holds_no_readable_token()
    {
        using var services = StoreHost.Build();
        var tokens = new HumanTokens("52867cbede3155565f000a0d", "ACCESS-" + Guid.NewGuid().ToString("N") + "==", "2767d60ea95f4c3db8e8f3d0a1238302", "client-user");

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync("alice", tokens, Cancellation);

        var raw = await services.GetRequiredService<IDistributedCache>().GetAsync("HumanConnect:tokens:alice", Cancellation);
        Assert.NotNull(raw);
        var text = Encoding.UTF8.GetString(raw);
        Assert.DoesNotContain(tokens.AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.HumanId, text, StringComparison.Ordinal);
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
