using System.Text.RegularExpressions;
using HumanConnect.AspNetCore.PackageTests.Infrastructure;

namespace HumanConnect.AspNetCore.PackageTests;

/// <summary>
/// The README is the entry point and the guides under docs/ stay true to the code: every log event the code defines
/// is listed for operators, and every link between the documents leads somewhere.
/// </summary>
public sealed partial class DocumentationTests
{
    public static TheoryData<string> Documents =>
        [.. new[] { "README.md", "CHANGELOG.md" }
            .Concat(Directory.GetFiles(Repository.PathOf("docs"), "*.md").Select(path => Path.GetRelativePath(Repository.Root, path)))
            .Concat(Directory.GetFiles(Repository.PathOf("src"), "README.md", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(Repository.Root, path)))];

    [Fact]
    public void The_readme_links_every_guide()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));

        Assert.All(Directory.GetFiles(Repository.PathOf("docs"), "*.md"), guide =>
            Assert.Contains($"](docs/{Path.GetFileName(guide)}", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Operations_lists_every_log_event_the_code_defines_with_its_id_and_name()
    {
        var events = Directory.GetFiles(Repository.PathOf("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => LogEvent().Matches(File.ReadAllText(path)))
            .Select(match => (Id: match.Groups["id"].Value, Name: match.Groups["name"].Value))
            .ToList();
        var operations = File.ReadAllText(Repository.PathOf("docs/operations.md"));
        var readme = File.ReadAllText(Repository.PathOf("README.md"));

        Assert.True(events.Count > 30, $"only {events.Count} log events found: has the registry moved?");
        Assert.All(events, e =>
        {
            Assert.Contains($"| {e.Id} | `{e.Name}` |", operations, StringComparison.Ordinal);
            Assert.Contains($"| {e.Id} | `{e.Name}` |", readme, StringComparison.Ordinal);
        });
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Every_relative_link_leads_to_a_file_and_every_anchor_to_a_heading(string document)
    {
        var path = Repository.PathOf(document);
        var text = File.ReadAllText(path);

        var broken = MarkdownLink().Matches(text)
            .Select(match => match.Groups["target"].Value)
            .Where(target => !target.StartsWith("http", StringComparison.Ordinal) && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Where(target => !Resolves(path, target))
            .ToList();

        Assert.Empty(broken);
    }

    private static bool Resolves(string fromDocument, string target)
    {
        var hash = target.IndexOf('#', StringComparison.Ordinal);
        var file = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : target[(hash + 1)..];
        var resolved = file.Length == 0 ? fromDocument : Path.GetFullPath(file, Path.GetDirectoryName(fromDocument)!);
        if (!File.Exists(resolved) && !Directory.Exists(resolved))
        {
            return false;
        }

        return anchor is null || (File.Exists(resolved) && Anchors(File.ReadAllText(resolved)).Contains(anchor));
    }

    /// <summary>GitHub's anchors: each heading lowercased, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        [.. Heading().Matches(markdown).Select(match =>
            Regex.Replace(match.Groups["title"].Value.Trim().ToLowerInvariant(), "[^a-z0-9 _-]", "").Replace(' ', '-'))];

    [GeneratedRegex("""\[LoggerMessage\((?<id>\d+), LogLevel\.\w+, .*?EventName = "(?<name>\w+)"\)\]""")]
    private static partial Regex LogEvent();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,6} (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
