using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis;

/// <summary>
/// Where <c>UseRedis</c> finds Redis: a configuration string, a <see cref="StackExchange.Redis.ConfigurationOptions"/>,
/// or a multiplexer the host already has. Set exactly one of the three.
/// </summary>
public sealed class HumanConnectRedisOptions
{
    /// <summary>The Redis key that holds the Data Protection key ring unless <see cref="DataProtectionKeysKey"/> says otherwise.</summary>
    public const string DefaultDataProtectionKeysKey = "HumanConnect:DataProtection-Keys";

    /// <summary>
    /// A StackExchange.Redis configuration string, such as <c>redis:6379,password=...,ssl=true</c>. Its
    /// <c>connectTimeout</c>, <c>syncTimeout</c> and <c>asyncTimeout</c> bound how long an endpoint waits for Redis
    /// before it answers <c>503 store_unavailable</c>; <c>defaultDatabase</c> keeps apps that share a server apart.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>The connection settings as an object, for what a string cannot say (a backlog policy, a reconnect policy, certificates).</summary>
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Returns a multiplexer the host already has, called once. Human Connect uses it as it is and never disposes it.
    /// Create it with <c>AbortOnConnectFail = false</c>, so that the app starts, and recovers, whether Redis is up or not.
    /// </summary>
    public Func<IServiceProvider, IConnectionMultiplexer>? ConnectionMultiplexerFactory { get; set; }

    /// <summary>
    /// Whether the Data Protection key ring moves to Redis too (the default). Every instance must read the same key
    /// ring, or one cannot decrypt what another stored, nor accept its antiforgery tokens and cookies: turn this off
    /// only if the host already shares its key ring some other way.
    /// </summary>
    public bool PersistDataProtectionKeys { get; set; } = true;

    /// <summary>The Redis key of the Data Protection key ring.</summary>
    public string DataProtectionKeysKey { get; set; } = DefaultDataProtectionKeysKey;
}
