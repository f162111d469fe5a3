using System.Text.RegularExpressions;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>Reads an RFC 8288 <c>Link</c> header into its rels, strictly enough to catch a malformed one.</summary>
internal static partial class LinkHeader
{
    /// <summary>Each rel and its URL; empty when the response has no Link header.</summary>
    public static Dictionary<string, Uri> Parse(HttpResponseMessage response)
    {
        var links = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return links;
        }

        var text = string.Join(", ", values);
        var matches = Entry().Matches(text);
        Assert.Equal(text.Length, matches.Sum(match => match.Length));
        foreach (Match match in matches)
        {
            var url = new Uri(match.Groups["url"].Value, UriKind.Absolute);
            Assert.True(links.TryAdd(match.Groups["rel"].Value, url), $"rel {match.Groups["rel"].Value} appears twice");
        }

        return links;
    }

    [GeneratedRegex("""(?:, )?<(?<url>[^>]+)>; rel="(?<rel>[a-z]+)"\s*""")]
    private static partial Regex Entry();
}
