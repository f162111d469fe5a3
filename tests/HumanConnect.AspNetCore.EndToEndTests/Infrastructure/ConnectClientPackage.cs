using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// Human API's own Connect v2 browser client, <c>humanapi-connect-client</c> 2.4.1 (MIT), installed from npm at test
/// time and never kept in the repository. <c>build/test.sh</c> fetches it once into <c>artifacts/npm</c> and names the
/// UMD file in <c>HUMANCONNECT_TEST_CONNECT_CLIENT</c>; without that variable the tests fetch it themselves with
/// <c>npm pack</c>. Either way the file must be the published one (its SHA-256 is pinned), and a registry that cannot
/// be reached fails the tests: they never skip.
/// </summary>
public static class ConnectClientPackage
{
    public const string Version = "2.4.1";

    /// <summary>The SHA-256 of <c>package/build/humanapi-connect-client.js</c> in the published 2.4.1 tarball.</summary>
    private const string Sha256 = "0136d1f235fb8df7a1b1172a2b59fbf50f897ad28edb0bc9573b74d6d5d238d5";

    private static readonly Lazy<Task<string>> Client = new(LocateAsync);

    /// <summary>The path of the client's UMD file, checked against the published one.</summary>
    public static Task<string> PathAsync() => Client.Value;

    private static async Task<string> LocateAsync()
    {
        var path = Environment.GetEnvironmentVariable("HUMANCONNECT_TEST_CONNECT_CLIENT") is { Length: > 0 } given
            ? given
            : await FetchAsync();
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"humanapi-connect-client {Version} was not found at {path} (HUMANCONNECT_TEST_CONNECT_CLIENT): run build/test.sh, which fetches it from npm.");
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        return actual == Sha256
            ? path
            : throw new InvalidOperationException($"{path} is not humanapi-connect-client {Version} as npm publishes it (SHA-256 {actual}).");
    }

    /// <summary><c>npm pack humanapi-connect-client@2.4.1</c> into a temporary folder, then the tarball unpacked there.</summary>
    private static async Task<string> FetchAsync()
    {
        var folder = Directory.CreateTempSubdirectory("hc-npm-").FullName;
        var npm = new ProcessStartInfo("npm", ["pack", $"humanapi-connect-client@{Version}", "--silent"])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(npm) ?? throw new InvalidOperationException("npm could not be started: install it (build/test.sh does).");
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        var tarball = Path.Combine(folder, $"humanapi-connect-client-{Version}.tgz");
        if (process.ExitCode != 0 || !File.Exists(tarball))
        {
            throw new InvalidOperationException($"npm could not fetch humanapi-connect-client@{Version} (exit {process.ExitCode}): {await error}");
        }

        await using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
        {
            await TarFile.ExtractToDirectoryAsync(gzip, folder, overwriteFiles: true);
        }

        return Path.Combine(folder, "package", "build", "humanapi-connect-client.js");
    }
}
