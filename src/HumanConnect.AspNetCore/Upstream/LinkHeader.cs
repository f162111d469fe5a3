namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// Reads the <c>next</c> target of an RFC 8288 <c>Link</c> header (<c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>),
/// and decides whether it may be followed with the user's token.
/// </summary>
internal static class LinkHeader
{
    /// <summary>The target of the first link whose <c>rel</c> includes <c>next</c>, or <see langword="null"/>.</summary>
    public static string? FindNext(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            var at = 0;
            while (at < value.Length)
            {
                var open = value.IndexOf('<', at);
                var close = open < 0 ? -1 : value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                // The link's parameters run to the next link, which starts with '<' (a comma inside a quoted rel is rare
                // and harmless here: the parameters are only searched for the rel).
                var next = value.IndexOf('<', close + 1);
                var parameters = value[(close + 1)..(next < 0 ? value.Length : next)].TrimEnd().TrimEnd(',');
                if (HasRel(parameters, "next"))
                {
                    return value[(open + 1)..close].Trim();
                }

                at = next < 0 ? value.Length : next;
            }
        }

        return null;
    }

    /// <summary>
    /// The URL to ask for the next page, or <see langword="null"/> when the link may not be followed. The token goes
    /// only to the configured data API: the link must name the same path as the page it came from (Human API's links
    /// keep the path and change the query), and it is rebased onto <paramref name="baseUrl"/>'s scheme and authority,
    /// whatever host it names. A link whose query carries an access token is refused (it would put a token in a URL).
    /// </summary>
    public static Uri? Followable(Uri baseUrl, Uri pageUrl, string link)
    {
        if (!Uri.TryCreate(pageUrl, link, out var target)
            || (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps)
            || !string.Equals(target.AbsolutePath, pageUrl.AbsolutePath, StringComparison.Ordinal)
            || target.Query.Contains("access_token", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(target.UserInfo))
        {
            return null;
        }

        return new Uri(baseUrl.GetLeftPart(UriPartial.Authority) + target.PathAndQuery);
    }

    private static bool HasRel(string parameters, string rel)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var values = parameter[(equals + 1)..].Trim().Trim('"');
            foreach (var name in values.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (name.Equals(rel, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
