using System.Text;

namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// The data API's paging, as recorded from Human API: a page of <c>limit</c> items from <c>offset</c>, the total in
/// <c>X-Total-Count</c>, and an RFC 8288 <c>Link</c> header whose URLs keep the request's query string with only
/// <c>limit</c> and <c>offset</c> changed. The first page links <c>next</c> and <c>last</c>; a middle page all four;
/// the last page <c>prev</c> and <c>first</c>; a page that holds everything, none. <c>last</c> is
/// floor(total / limit) × limit, so when the total is a multiple of the limit it names an empty page, as Human API's does.
/// </summary>
internal static class DataPaging
{
    /// <summary>The items of the page.</summary>
    public static List<T> Page<T>(IReadOnlyList<T> items, int limit, int offset) =>
        offset >= items.Count ? [] : [.. items.Skip(offset).Take(limit)];

    /// <summary>
    /// The <c>Link</c> header for the page, or <see langword="null"/> when it links nowhere. <paramref name="url"/>
    /// is the absolute URL without its query; <paramref name="rawQuery"/> the query as sent, with or without its <c>?</c>.
    /// </summary>
    public static string? Links(string url, string rawQuery, int total, int limit, int offset)
    {
        var hasNext = (long)offset + limit < total;
        var links = new List<string>(4);
        if (hasNext)
        {
            links.Add(Link(url, rawQuery, limit, offset + limit, "next"));
        }

        if (offset > 0)
        {
            links.Add(Link(url, rawQuery, limit, Math.Max(0, offset - limit), "prev"));
            links.Add(Link(url, rawQuery, limit, 0, "first"));
        }

        if (hasNext)
        {
            links.Add(Link(url, rawQuery, limit, total / limit * limit, "last"));
        }

        return links.Count == 0 ? null : string.Join(", ", links);
    }

    private static string Link(string url, string rawQuery, int limit, int offset, string rel) =>
        $"<{url}?{WithPage(rawQuery, limit, offset)}>; rel=\"{rel}\"";

    /// <summary>
    /// The query with <c>limit</c> and <c>offset</c> set: replaced where they stand, appended when absent; every
    /// other parameter kept exactly as sent, in its place and its encoding.
    /// </summary>
    private static string WithPage(string rawQuery, int limit, int offset)
    {
        var builder = new StringBuilder();
        bool sawLimit = false, sawOffset = false;
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = Uri.UnescapeDataString(pair.Split('=', 2)[0].Replace('+', ' '));
            var kept = name.ToUpperInvariant() switch
            {
                "LIMIT" when !sawLimit => $"limit={limit}",
                "OFFSET" when !sawOffset => $"offset={offset}",
                _ => pair,
            };
            sawLimit |= name.Equals("limit", StringComparison.OrdinalIgnoreCase);
            sawOffset |= name.Equals("offset", StringComparison.OrdinalIgnoreCase);
            builder.Append(builder.Length == 0 ? string.Empty : "&").Append(kept);
        }

        if (!sawLimit)
        {
            builder.Append(builder.Length == 0 ? string.Empty : "&").Append("limit=").Append(limit);
        }

        if (!sawOffset)
        {
            builder.Append(builder.Length == 0 ? string.Empty : "&").Append("offset=").Append(offset);
        }

        return builder.ToString();
    }
}
