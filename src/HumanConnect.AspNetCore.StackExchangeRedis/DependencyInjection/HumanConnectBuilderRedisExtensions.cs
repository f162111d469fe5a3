using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.StackExchangeRedis;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs Human Connect on several instances that share one Redis.</summary>
public static class HumanConnectBuilderRedisExtensions
{
    /// <summary>
    /// Puts in Redis, over one connection, everything that instances of the app must share: the default token store's
    /// <c>IDistributedCache</c>, the Data Protection key ring (which encrypts the stored tokens and signs antiforgery
    /// tokens and cookies), and the coordinator that lets a session token be exchanged once and serialises each
    /// user's publicToken rotations.
    /// </summary>
    /// <param name="builder">The builder <c>AddHumanConnect</c> returned.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>redis:6379,password=...</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">The configuration string cannot be parsed.</exception>
    public static HumanConnectBuilder UseRedis(this HumanConnectBuilder builder, string configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return builder.UseRedis(options => options.Configuration = configuration);
    }

    /// <summary>
    /// Puts the default token store's cache, the Data Protection key ring and the coordinator in Redis, as
    /// <see cref="UseRedis(HumanConnectBuilder, string)"/> does, with the connection described by
    /// <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddHumanConnect</c> returned.</param>
    /// <param name="configure">Sets exactly one of the connection settings, and optionally where the key ring goes.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// Redis becomes the app's <c>IDistributedCache</c>, replacing one registered before, for whatever else uses it
    /// too. A token store registered with <c>AddTokenStore</c> is kept; the coordinator and the key ring move to Redis
    /// all the same. A multiplexer from <see cref="HumanConnectRedisOptions.ConnectionMultiplexerFactory"/> is never
    /// closed; one made from the settings is closed when the app stops. Give every instance
    /// the same Data Protection application name (<c>AddDataProtection().SetApplicationName(...)</c>): by default it is
    /// derived from the app's folder, which may differ between machines.
    /// </remarks>
    /// <exception cref="ArgumentException">The options are incomplete, ambiguous or unparsable; the message lists every problem.</exception>
    public static HumanConnectBuilder UseRedis(this HumanConnectBuilder builder, Action<HumanConnectRedisOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var options = new HumanConnectRedisOptions();
        configure(options);
        Validate(options);

        var services = builder.Services;
        services.RemoveAll<RedisConnection>();
        services.AddSingleton(provider => new RedisConnection(options, provider));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisConnectionStartup>());

        // The app's cache, so the default token store uses it: Microsoft's RedisCache on the shared connection.
        services.AddOptions<RedisCacheOptions>().Configure<RedisConnection>(static (cache, connection) =>
            cache.ConnectionMultiplexerFactory = connection.GetMultiplexerAsync);
        services.RemoveAll<IDistributedCache>();
        services.AddSingleton<IDistributedCache>(static provider =>
            new SharedConnectionRedisCache(new RedisCache(provider.GetRequiredService<IOptions<RedisCacheOptions>>())));

        if (options.PersistDataProtectionKeys)
        {
            // What PersistKeysToStackExchangeRedis does, with the database taken from the shared connection in the container.
            services.AddDataProtection();
            var keysKey = new RedisKey(options.DataProtectionKeysKey);
            services.AddOptions<KeyManagementOptions>().Configure<RedisConnection>((keys, connection) =>
                keys.XmlRepository = new RedisXmlRepository(() => connection.Database, keysKey));
        }

        return builder.AddCoordinator<RedisHumanConnectCoordinator>();
    }

    private static void Validate(HumanConnectRedisOptions options)
    {
        var failures = new List<string>();
        var sources = (string.IsNullOrWhiteSpace(options.Configuration) ? 0 : 1)
            + (options.ConfigurationOptions is null ? 0 : 1)
            + (options.ConnectionMultiplexerFactory is null ? 0 : 1);
        if (sources != 1)
        {
            failures.Add($"set exactly one of {nameof(options.Configuration)}, {nameof(options.ConfigurationOptions)} " +
                $"and {nameof(options.ConnectionMultiplexerFactory)} ({sources} are set)");
        }
        else if (!string.IsNullOrWhiteSpace(options.Configuration))
        {
            try
            {
                _ = ConfigurationOptions.Parse(options.Configuration);
            }
            catch (ArgumentException)
            {
                // Not the parser's message: it quotes the string, password included.
                failures.Add($"{nameof(options.Configuration)} is not a StackExchange.Redis configuration string");
            }
        }

        if (options.PersistDataProtectionKeys && string.IsNullOrWhiteSpace(options.DataProtectionKeysKey))
        {
            failures.Add($"{nameof(options.DataProtectionKeysKey)} is required when {nameof(options.PersistDataProtectionKeys)} is on");
        }

        if (failures.Count > 0)
        {
            throw new ArgumentException($"UseRedis: {string.Join("; ", failures)}.", nameof(options));
        }
    }
}
