using HumanConnect.AspNetCore.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis.Tests;

/// <summary>What <c>UseRedis</c> registers, and how it refuses settings it cannot use.</summary>
public sealed class UseRedisTests(SharedRedis redis)
{
    [Fact]
    public async Task UseRedis_puts_the_cache_the_key_ring_and_the_coordinator_on_one_connection()
    {
        await using var provider = Build(builder => builder.UseRedis(redis.Configuration));

        var connection = provider.GetRequiredService<RedisConnection>();
        var cache = provider.GetRequiredService<IDistributedCache>();
        await cache.SetAsync("hc-tests:" + Guid.NewGuid().ToString("N"), [1], TestContext.Current.CancellationToken);

        Assert.IsType<SharedConnectionRedisCache>(Assert.Single(provider.GetServices<IDistributedCache>()));
        Assert.Same(await connection.GetMultiplexerAsync(),
            await provider.GetRequiredService<IOptions<Microsoft.Extensions.Caching.StackExchangeRedis.RedisCacheOptions>>().Value.ConnectionMultiplexerFactory!());
        Assert.IsType<RedisXmlRepository>(provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.IsType<RedisHumanConnectCoordinator>(provider.GetRequiredService<IHumanConnectCoordinator>());
    }

    [Fact]
    public async Task The_key_ring_may_stay_where_the_host_keeps_it()
    {
        await using var provider = Build(builder => builder.UseRedis(options =>
        {
            options.Configuration = redis.Configuration;
            options.PersistDataProtectionKeys = false;
        }));

        Assert.IsNotType<RedisXmlRepository>(provider.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlRepository);
        Assert.IsType<RedisHumanConnectCoordinator>(provider.GetRequiredService<IHumanConnectCoordinator>());
    }

    [Fact]
    public async Task A_multiplexer_the_host_provides_is_used_and_never_disposed()
    {
        using var own = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var provider = Build(builder => builder.UseRedis(options => options.ConnectionMultiplexerFactory = _ => own));

        var used = await provider.GetRequiredService<RedisConnection>().GetMultiplexerAsync();
        // The cache holds the connection too, and disposing the cache must not close it either.
        await provider.GetRequiredService<IDistributedCache>().SetAsync("hc-tests:" + Guid.NewGuid().ToString("N"), [1], TestContext.Current.CancellationToken);
        await provider.DisposeAsync();

        Assert.Same(own, used);
        Assert.True(own.IsConnected);
        Assert.True(await own.GetDatabase().PingAsync() >= TimeSpan.Zero);
    }

    [Theory]
    [InlineData(false, false, "set exactly one of Configuration, ConfigurationOptions and ConnectionMultiplexerFactory (0 are set)")]
    [InlineData(true, true, "set exactly one of Configuration, ConfigurationOptions and ConnectionMultiplexerFactory (2 are set)")]
    public void Options_that_name_no_connection_or_two_are_refused(bool configuration, bool configurationOptions, string expected)
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddHumanConnect(_ => { }).UseRedis(options =>
        {
            options.Configuration = configuration ? redis.Configuration : null;
            options.ConfigurationOptions = configurationOptions ? new ConfigurationOptions() : null;
        }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unparsable_configuration_string_is_refused_without_quoting_it()
    {
        const string password = "hunter2-SECRET";

        var error = Assert.Throws<ArgumentException>(() =>
            new ServiceCollection().AddHumanConnect(_ => { }).UseRedis($"127.0.0.1:6379,password={password},nosuchoption=1"));

        Assert.Contains("Configuration is not a StackExchange.Redis configuration string", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_key_ring_key_is_refused_when_the_key_ring_moves_to_Redis()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddHumanConnect(_ => { }).UseRedis(options =>
        {
            options.Configuration = redis.Configuration;
            options.DataProtectionKeysKey = " ";
        }));

        Assert.Contains("DataProtectionKeysKey is required", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Action<HumanConnectBuilder> configure)
    {
        var services = new ServiceCollection().AddLogging();
        configure(services.AddHumanConnect(options =>
        {
            options.ClientId = TestData.ClientId;
            options.ClientSecret = TestData.ClientSecret;
        }));
        return services.BuildServiceProvider();
    }
}
