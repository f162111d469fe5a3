using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>
/// A real redis-server for the tests: the one build/test.sh started (HUMANCONNECT_TEST_REDIS), or else a private
/// one this fixture starts on a free loopback port and shuts down afterwards. It never skips: no Redis, no pass.
/// </summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private Process? _ownServer;
    private string? _ownDirectory;

    public string Configuration { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var shared = Environment.GetEnvironmentVariable("HUMANCONNECT_TEST_REDIS");
        if (!string.IsNullOrEmpty(shared))
        {
            Configuration = shared;
            return;
        }

        var port = FreeLoopbackPort();
        _ownDirectory = Directory.CreateTempSubdirectory("hc-redis-").FullName;
        _ownServer = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", _ownDirectory])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("redis-server could not be started; install it (apt-get install redis-server).");

        // Wait until the server accepts connections, bounded so a broken install fails instead of hanging.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var line = await _ownServer.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("redis-server exited before it was ready.");
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                break;
            }
        }

        Configuration = $"127.0.0.1:{port}";
    }

    public ValueTask DisposeAsync()
    {
        if (_ownServer is not null)
        {
            _ownServer.Kill(entireProcessTree: true);
            _ownServer.WaitForExit();
            _ownServer.Dispose();
            Directory.Delete(_ownDirectory!, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
