using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// A redis-server process of the test's own (shared as source by the projects that need one), on a free loopback port, which the test may kill and start again on the
/// same port and directory. Persistent ones write every command to an append-only file before answering, so what
/// was stored before a kill is there after the restart, as on a production Redis.
/// </summary>
internal sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _persistent;
    private Process? _process;

    private RedisServerProcess(int port, string directory, bool persistent)
    {
        Port = port;
        _directory = directory;
        _persistent = persistent;
    }

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServerProcess> StartAsync(bool persistent)
    {
        var server = new RedisServerProcess(FreeLoopbackPort(), Directory.CreateTempSubdirectory("hc-redis-").FullName, persistent);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) and returns once it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process
        {
            StartInfo = new ProcessStartInfo("redis-server",
            [
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory, "--save", "",
                "--appendonly", _persistent ? "yes" : "no", "--appendfsync", "always",
            ])
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            },
        };
        // Read every line, so the pipe never fills; the one that matters says the server is ready.
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.Contains("Ready to accept connections", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("redis-server exited before it was ready."));
        process.EnableRaisingEvents = true;
        if (!process.Start())
        {
            throw new InvalidOperationException("redis-server could not be started; install it (apt-get install redis-server).");
        }

        process.BeginOutputReadLine();
        _process = process;
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }

    /// <summary>Kills the server outright (SIGKILL), as a crash or a lost machine would, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        _process = null;
        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await KillAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
