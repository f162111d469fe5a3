using HumanConnect.AspNetCore.StackExchangeRedis.Tests.Infrastructure;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis.Tests;

/// <summary>The coordinator on a real redis-server: the shared specification, and what it leaves in Redis.</summary>
public sealed class RedisCoordinatorTests : CoordinatorSpecification, IDisposable
{
    private readonly RedisConnection _connection;
    private readonly RedisHumanConnectCoordinator _coordinator;

    public RedisCoordinatorTests(SharedRedis redis)
    {
        _connection = new RedisConnection(new HumanConnectRedisOptions { Configuration = redis.Configuration }, EmptyServices.Instance);
        _coordinator = new RedisHumanConnectCoordinator(_connection);
    }

    protected override IHumanConnectCoordinator Coordinator => _coordinator;

    protected override async Task WaitUntilExpiredAsync(string key, TimeSpan timeToLive)
    {
        // Redis expires the key itself; wait on that, not on a clock.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeToLive + TimeSpan.FromSeconds(10));
        while (await _connection.Database.KeyExistsAsync(key))
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    [Fact]
    public async Task An_entry_is_a_plain_string_key_with_the_time_to_live_it_was_given()
    {
        var key = NewKey();

        await _coordinator.TryAcquireAsync(key, "owner-1", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(RedisType.String, await _connection.Database.KeyTypeAsync(key));
        var ttl = await _connection.Database.KeyTimeToLiveAsync(key);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30));
    }

    public void Dispose() => _connection.Dispose();

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
