namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// The redis-server a test project's tests share, as an assembly fixture (shared as source): the one build/test.sh
/// started (HUMANCONNECT_TEST_REDIS), or else one of this run's own. It never skips: no Redis, no pass. Tests use
/// fresh keys and user ids, so they never see each other's data.
/// </summary>
public sealed class SharedRedis : IAsyncLifetime
{
    private RedisServerProcess? _own;

    public string Configuration { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var shared = Environment.GetEnvironmentVariable("HUMANCONNECT_TEST_REDIS");
        if (!string.IsNullOrEmpty(shared))
        {
            Configuration = shared;
            return;
        }

        _own = await RedisServerProcess.StartAsync(persistent: false);
        Configuration = _own.Configuration;
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null)
        {
            await _own.DisposeAsync();
        }
    }
}
