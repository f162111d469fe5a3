namespace HumanConnect.AspNetCore.PackageTests.Infrastructure;

/// <summary>
/// The packages, packed once per test run by <c>build/pack.sh</c> (with <c>CI=true</c>, as CI packs them) into a
/// folder feed under a version no cache has seen (<c>0.1.0-test.{random}</c>), and a <c>nuget.config</c> beside it
/// that every fresh host below inherits: the feed, plus the machine's own sources for everything else.
/// </summary>
/// <remarks>
/// The hosts restore into a package folder of their own, which is deleted with the rest: the machine's package cache
/// is only read, as a fallback folder, so nothing is downloaded again and no test package is left in it.
/// </remarks>
public sealed class LocalFeed : IAsyncLifetime
{
    /// <summary>Every package build/pack.sh makes.</summary>
    public static readonly string[] PackageIds =
    [
        "HumanConnect.AspNetCore",
        "HumanConnect.AspNetCore.Sandbox",
        "HumanConnect.AspNetCore.Testing",
        "HumanConnect.AspNetCore.EntityFrameworkCore",
        "HumanConnect.AspNetCore.StackExchangeRedis",
    ];

    public string Root { get; } = Directory.CreateTempSubdirectory("hc-packages-").FullName;

    public string FeedDirectory => Path.Combine(Root, "feed");

    /// <summary>Where the hosts' restores put the packages they take from the feed.</summary>
    public string PackagesDirectory => Path.Combine(Root, "packages");

    /// <summary>Where build/pack.sh builds: a folder of this run under the repository's (ignored) artifacts/.</summary>
    public string BuildDirectory => Path.Combine(Repository.Root, "artifacts", "package-tests", Version);

    public string Version { get; } = "0.1.0-test." + Guid.NewGuid().ToString("N")[..12];

    /// <summary>What build/pack.sh printed.</summary>
    public string PackOutput { get; private set; } = "";

    public string PackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.nupkg");

    public string SymbolPackagePath(string id) => Path.Combine(FeedDirectory, $"{id}.{Version}.snupkg");

    public async ValueTask InitializeAsync()
    {
        PackOutput = await ProcessRun.RunAsync(
            "bash", Repository.Root, [Repository.PathOf("build/pack.sh"), FeedDirectory], TimeSpan.FromMinutes(10),
            new Dictionary<string, string>
            {
                ["VERSION_SUFFIX"] = Version["0.1.0-".Length..],
                ["CI"] = "true",
                // Inside the repository, as by default: the generated sources in obj/ are then under the source root
                // too, and map to /_/ like the others.
                ["PACK_BUILD_DIRECTORY"] = BuildDirectory,
            });

        // An empty Directory.Build.props and Directory.Packages.props stop MSBuild's search above the hosts' folder.
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Build.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "Directory.Packages.props"), "<Project />\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{PackagesDirectory}" />
              </config>
              <packageSources>
                <add key="humanconnect-test-feed" value="{FeedDirectory}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{MachinePackageCache()}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }

    public ValueTask DisposeAsync()
    {
        foreach (var directory in new[] { Root, BuildDirectory })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Packing failed before it made it.
            }
            catch (IOException)
            {
                // A file a stopped host still held: the folder is left for the system (or the next clean) to remove.
            }
        }

        return ValueTask.CompletedTask;
    }

    private static string MachinePackageCache() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
}
