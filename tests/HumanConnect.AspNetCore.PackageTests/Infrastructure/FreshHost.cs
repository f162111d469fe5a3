using System.Text.Json;
using System.Xml.Linq;

namespace HumanConnect.AspNetCore.PackageTests.Infrastructure;

/// <summary>
/// A new app made by <c>dotnet new web</c> next to the local feed, with package references to the feed's packages
/// (no project reference) and the files a test gives, which replace the template's.
/// </summary>
internal sealed class FreshHost
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(6);

    private FreshHost(LocalFeed feed, string name)
    {
        Feed = feed;
        Name = name;
        Directory = Path.Combine(feed.Root, name);
    }

    public LocalFeed Feed { get; }

    public string Name { get; }

    public string Directory { get; }

    public string PublishDirectory => Path.Combine(Directory, "publish");

    public static async Task<FreshHost> CreateAsync(
        LocalFeed feed, string name, IEnumerable<string> packageIds, IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        var host = new FreshHost(feed, name);
        await ProcessRun.RunAsync("dotnet", feed.Root, ["new", "web", "--name", name, "--output", host.Directory, "--no-restore", "--no-https"],
            TimeSpan.FromMinutes(2), cancellationToken: cancellationToken);

        var projectPath = Path.Combine(host.Directory, name + ".csproj");
        var project = XDocument.Load(projectPath);
        project.Root!.Add(new XElement("ItemGroup", packageIds.Select(id =>
            new XElement("PackageReference", new XAttribute("Include", id), new XAttribute("Version", feed.Version)))));
        project.Save(projectPath);

        foreach (var (path, content) in files)
        {
            var fullPath = Path.Combine(host.Directory, path);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            await File.WriteAllTextAsync(fullPath, content, cancellationToken);
        }

        return host;
    }

    /// <summary>Builds it in Release with every warning an error: the code a reader copies is warning-free.</summary>
    public Task<string> BuildAsync(CancellationToken cancellationToken) =>
        ProcessRun.RunAsync("dotnet", Directory, ["build", "-c", "Release", "-warnaserror", "-nologo"], BuildTimeout, cancellationToken: cancellationToken);

    public Task<string> PublishAsync(CancellationToken cancellationToken) =>
        ProcessRun.RunAsync("dotnet", Directory, ["publish", "-c", "Release", "-o", PublishDirectory, "-warnaserror", "-nologo"], BuildTimeout,
            cancellationToken: cancellationToken);

    /// <summary>Where the restore took each of <paramref name="packageIds"/> from, by the <c>.nupkg.metadata</c> NuGet writes.</summary>
    public IReadOnlyDictionary<string, string?> RestoredSources(IEnumerable<string> packageIds) =>
        packageIds.ToDictionary(id => id, id =>
        {
            var metadata = Path.Combine(Feed.PackagesDirectory, id.ToLowerInvariant(), Feed.Version, ".nupkg.metadata");
            return File.Exists(metadata)
                ? JsonDocument.Parse(File.ReadAllText(metadata)).RootElement.GetProperty("source").GetString()
                : null;
        });
}
