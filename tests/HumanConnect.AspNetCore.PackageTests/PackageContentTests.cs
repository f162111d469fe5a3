using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text.Json;
using System.Xml.Linq;
using HumanConnect.AspNetCore.PackageTests.Infrastructure;

namespace HumanConnect.AspNetCore.PackageTests;

/// <summary>What each package carries, read from the .nupkg and .snupkg build/pack.sh wrote.</summary>
public sealed class PackageContentTests(LocalFeed feed)
{
    private const string RepositoryUrl = "https://github.com/humanconnect-aspnetcore/HumanConnect.AspNetCore";

    /// <summary>The Source Link custom debug information's kind (Portable PDB specification).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static TheoryData<string> Packages => [.. LocalFeed.PackageIds];

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_has_its_metadata_readme_icon_and_release_notes_from_the_changelog(string id)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        var metadata = Nuspec(package).Element(Nuspec(package).Name.Namespace + "metadata")!;
        string? Value(string name) => metadata.Element(metadata.Name.Namespace + name)?.Value;

        Assert.Equal(id, Value("id"));
        Assert.Equal(feed.Version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.Contains("humanapi", Value("tags")!.Split(' '));
        Assert.Equal("MIT", Value("license"));
        Assert.Equal("expression", metadata.Element(metadata.Name.Namespace + "license")!.Attribute("type")!.Value);
        Assert.Equal(RepositoryUrl, Value("projectUrl"));
        var repository = metadata.Element(metadata.Name.Namespace + "repository")!;
        Assert.Equal(RepositoryUrl, repository.Attribute("url")!.Value);
        Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], Read(package, "icon.png")[..4]);
        var readme = System.Text.Encoding.UTF8.GetString(Read(package, "README.md"));
        Assert.StartsWith($"# {id}\n", readme, StringComparison.Ordinal);
        Assert.Contains($"dotnet add package {id}", readme, StringComparison.Ordinal);

        // The notes are the CHANGELOG's section for this release, whole, and point to the rest of it.
        var notes = Value("releaseNotes")!;
        Assert.StartsWith("### Added", notes, StringComparison.Ordinal);
        Assert.Contains(UnreleasedSection().Split('\n').First(line => line.StartsWith("- ", StringComparison.Ordinal)), notes, StringComparison.Ordinal);
        Assert.Contains("### Security", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("## [", notes, StringComparison.Ordinal);
        Assert.EndsWith($"{RepositoryUrl}/blob/main/CHANGELOG.md", notes, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void Each_package_has_its_assembly_and_xml_docs_and_a_symbol_package_mapped_by_Source_Link_with_CI_paths(string id)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        using var symbols = ZipFile.OpenRead(feed.SymbolPackagePath(id));

        Assert.NotNull(package.GetEntry($"lib/net10.0/{id}.dll"));
        Assert.Contains("<member name=", System.Text.Encoding.UTF8.GetString(Read(package, $"lib/net10.0/{id}.xml")), StringComparison.Ordinal);
        using var pdb = MetadataReaderProvider.FromPortablePdbImage([.. Read(symbols, $"lib/net10.0/{id}.pdb")]);
        var reader = pdb.GetMetadataReader();
        var sourceLink = reader.CustomDebugInformation
            .Select(reader.GetCustomDebugInformation)
            .Single(information => reader.GetGuid(information.Kind) == SourceLinkKind);
        var map = JsonDocument.Parse(reader.GetBlobBytes(sourceLink.Value)).RootElement.GetProperty("documents");
        var target = Assert.Single(map.EnumerateObject());
        Assert.Equal("/_/*", target.Name);
        Assert.Matches("^https://raw\\.githubusercontent\\.com/humanconnect-aspnetcore/HumanConnect\\.AspNetCore/[0-9a-f]{40}/\\*$", target.Value.GetString());
        // ContinuousIntegrationBuild: every source path is mapped to /_/, none names the machine that built it.
        Assert.All(reader.Documents.Select(handle => reader.GetString(reader.GetDocument(handle).Name)), path =>
            Assert.StartsWith("/_/", path, StringComparison.Ordinal));
    }

    [Fact]
    public void The_library_ships_its_browser_script_as_a_static_web_asset()
    {
        using var package = ZipFile.OpenRead(feed.PackagePath("HumanConnect.AspNetCore"));

        Assert.Contains("humanapiSessionToken", System.Text.Encoding.UTF8.GetString(Read(package, "staticwebassets/human-connect.js")), StringComparison.Ordinal);
        Assert.NotNull(package.GetEntry("build/Microsoft.AspNetCore.StaticWebAssets.props"));
        Assert.NotNull(package.GetEntry("buildTransitive/HumanConnect.AspNetCore.props"));
    }

    [Theory]
    [InlineData("HumanConnect.AspNetCore.Sandbox")]
    [InlineData("HumanConnect.AspNetCore.Testing")]
    [InlineData("HumanConnect.AspNetCore.EntityFrameworkCore")]
    [InlineData("HumanConnect.AspNetCore.StackExchangeRedis")]
    public void The_other_packages_depend_on_the_library_of_the_same_version_with_its_build_assets(string id)
    {
        using var package = ZipFile.OpenRead(feed.PackagePath(id));
        var nuspec = Nuspec(package);

        var dependency = Assert.Single(nuspec.Descendants(nuspec.Name.Namespace + "dependency"), d => d.Attribute("id")!.Value == "HumanConnect.AspNetCore");
        Assert.Equal(feed.Version, dependency.Attribute("version")!.Value);
        // Build assets carry the library's static web assets to a host that references only this package.
        Assert.DoesNotContain("Build", dependency.Attribute("exclude")?.Value ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void The_feed_holds_a_package_and_a_symbol_package_of_each_and_nothing_else()
    {
        // Package validation (EnablePackageValidation) runs inside the pack, warnings as errors: a finding fails
        // build/pack.sh, and so every test here.
        var expected = LocalFeed.PackageIds.SelectMany(id => new[] { feed.PackagePath(id), feed.SymbolPackagePath(id) }).Order(StringComparer.Ordinal);

        Assert.Equal(expected, Directory.GetFiles(feed.FeedDirectory).Order(StringComparer.Ordinal));
    }

    private static XElement Nuspec(ZipArchive package) =>
        XDocument.Load(package.Entries.Single(entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open()).Root!;

    private static byte[] Read(ZipArchive package, string path)
    {
        using var stream = package.GetEntry(path)?.Open() ?? throw new InvalidOperationException($"{path} is not in the package.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static string UnreleasedSection()
    {
        var changelog = File.ReadAllText(Repository.PathOf("CHANGELOG.md")).ReplaceLineEndings("\n");
        var start = changelog.IndexOf("\n## [Unreleased]", StringComparison.Ordinal);
        var end = changelog.IndexOf("\n## [", start + 1, StringComparison.Ordinal);
        return end < 0 ? changelog[start..] : changelog[start..end];
    }
}
