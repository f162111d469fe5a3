using Microsoft.Extensions.Hosting;

namespace HumanConnect.AspNetCore.StackExchangeRedis;

/// <summary>
/// Connects to Redis while the host starts, so that no request, and no synchronous Data Protection read, waits for
/// the first connection. Redis being down does not stop the start: the connection keeps trying on its own.
/// </summary>
internal sealed class RedisConnectionStartup(RedisConnection connection) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => connection.GetMultiplexerAsync().WaitAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
