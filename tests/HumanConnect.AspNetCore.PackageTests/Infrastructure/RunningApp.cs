using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace HumanConnect.AspNetCore.PackageTests.Infrastructure;

/// <summary>
/// A published app running as its own process (<c>dotnet App.dll</c>) on a free loopback port, stopped (its whole
/// process tree) when disposed, whatever the test did.
/// </summary>
internal sealed partial class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningApp(Process process)
    {
        _process = process;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the app printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<RunningApp> StartAsync(string directory, string assembly, IDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var info = ProcessRun.StartInfo("dotnet", directory, [assembly, "--urls", "http://127.0.0.1:0"], environment);
        var app = new RunningApp(new Process { StartInfo = info, EnableRaisingEvents = true });
        app._process.OutputDataReceived += (_, e) => app.Record(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        app._process.Exited += (_, _) => app._listening.TrySetException(new InvalidOperationException($"The app exited before it listened:\n{app.Output}"));
        app._process.Start();
        app._process.StandardInput.Close();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();

        try
        {
            // Kestrel prints the address it bound once it accepts requests: no polling of a port that may not be ours.
            app.Address = await app._listening.Task.WaitAsync(TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch (TimeoutException e)
        {
            await app.DisposeAsync();
            throw new TimeoutException($"The app did not listen within a minute:\n{app.Output}", e);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
