using System.Text.RegularExpressions;

namespace HumanConnect.AspNetCore.PackageTests.Infrastructure;

/// <summary>
/// The README's quick start, as files: each code block marked <c>&lt;!-- quick-start file="..." --&gt;</c> is that file
/// of a new app; a block marked with a <c>variant</c> too replaces the file of the same name in that variant.
/// </summary>
internal static partial class ReadmeQuickStart
{
    public static string Readme { get; } = File.ReadAllText(Repository.PathOf("README.md")).ReplaceLineEndings("\n");

    public static IReadOnlyList<(string File, string? Variant, string Code)> Blocks { get; } =
        [.. MarkedBlock().Matches(Readme).Select(match => (
            match.Groups["file"].Value,
            match.Groups["variant"].Success ? match.Groups["variant"].Value : null,
            match.Groups["code"].Value + "\n"))];

    /// <summary>The files of the quick start, or of its <paramref name="variant"/>.</summary>
    public static Dictionary<string, string> Files(string? variant = null)
    {
        var files = Blocks.Where(block => block.Variant is null).ToDictionary(block => block.File, block => block.Code);
        foreach (var block in Blocks.Where(block => variant is not null && block.Variant == variant))
        {
            files[block.File] = block.Code;
        }

        return files;
    }

    [GeneratedRegex("<!-- quick-start file=\"(?<file>[^\"]+)\"(?: variant=\"(?<variant>[^\"]+)\")? -->\n```[a-z]*\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex MarkedBlock();
}
