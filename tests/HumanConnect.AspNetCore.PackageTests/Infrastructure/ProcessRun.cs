using System.Diagnostics;
using System.Text;

namespace HumanConnect.AspNetCore.PackageTests.Infrastructure;

/// <summary>Runs a command line tool to its end within a deadline, and fails with everything it printed.</summary>
internal static class ProcessRun
{
    /// <summary>
    /// Variables the test runner's own MSBuild may have set: a child <c>dotnet</c> must find its SDK by itself,
    /// and keep no build nodes running after it ends.
    /// </summary>
    private static readonly string[] Inherited = ["MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly"];

    public static ProcessStartInfo StartInfo(string fileName, string workingDirectory, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in Inherited)
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>Runs <paramref name="fileName"/> and returns what it printed; throws when it fails or outlives <paramref name="timeout"/>.</summary>
    public static async Task<string> RunAsync(
        string fileName, string workingDirectory, IEnumerable<string> arguments, TimeSpan timeout,
        IDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var info = StartInfo(fileName, workingDirectory, arguments, environment);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"{Describe(info)} did not finish within {timeout}:\n{Text(output)}");
        }

        // The asynchronous readers may still hold the last lines: WaitForExit() without a timeout drains them.
        process.WaitForExit();
        var text = Text(output);
        return process.ExitCode == 0 ? text : throw new InvalidOperationException($"{Describe(info)} exited with {process.ExitCode}:\n{text}");
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Describe(ProcessStartInfo info) => $"`{info.FileName} {string.Join(' ', info.ArgumentList)}` in {info.WorkingDirectory}";
}
