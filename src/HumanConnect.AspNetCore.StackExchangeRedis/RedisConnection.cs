using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis;

/// <summary>
/// The one multiplexer that the token store's cache, the Data Protection key ring and the coordinator share,
/// connected once, asynchronously, when the host starts (<see cref="RedisConnectionStartup"/>) or on first use.
/// </summary>
/// <remarks>
/// Created with <c>AbortOnConnectFail = false</c>: the multiplexer is handed out even while Redis is down, and
/// reconnects by itself, so each command fails (and its endpoint answers 503) until Redis is back, then works again
/// without a restart.
/// </remarks>
internal sealed class RedisConnection : IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _multiplexer;
    private readonly bool _owned;

    public RedisConnection(HumanConnectRedisOptions options, IServiceProvider services)
    {
        if (options.ConnectionMultiplexerFactory is { } factory)
        {
            _multiplexer = new Lazy<Task<IConnectionMultiplexer>>(() => Task.FromResult(factory(services)));
            return;
        }

        var configuration = options.ConfigurationOptions?.Clone() ?? ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        _owned = true;
        _multiplexer = new Lazy<Task<IConnectionMultiplexer>>(async () => await ConnectionMultiplexer.ConnectAsync(configuration));
    }

    public Task<IConnectionMultiplexer> GetMultiplexerAsync() => _multiplexer.Value;

    public async Task<IDatabase> GetDatabaseAsync() => (await _multiplexer.Value).GetDatabase();

    /// <summary>
    /// For the Data Protection key ring, which reads synchronously. The host's start-up has connected already, so this
    /// only blocks in a host that never started (a bare service provider), once, for the first connection attempt.
    /// </summary>
    public IDatabase Database
    {
        get
        {
            var connecting = _multiplexer.Value;
            return (connecting.IsCompletedSuccessfully ? connecting.Result : connecting.GetAwaiter().GetResult()).GetDatabase();
        }
    }

    public void Dispose()
    {
        if (_owned && _multiplexer.IsValueCreated && _multiplexer.Value.IsCompletedSuccessfully)
        {
            _multiplexer.Value.Result.Dispose();
        }
    }
}
