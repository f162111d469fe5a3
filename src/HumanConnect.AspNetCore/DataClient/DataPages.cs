using System.Globalization;
using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>How a list answer becomes a <see cref="HumanDataPage{T}"/>, and where the page after it starts.</summary>
internal static class DataPages
{
    /// <summary>Human API's page size when the query gives none.</summary>
    public const int DefaultLimit = 50;

    public static HumanDataPage<T> From<T>(DataApiAnswer<List<T>> answer, int offset, int? limit)
    {
        var items = answer.Value!;
        return new HumanDataPage<T>(items, answer.TotalCount, offset, HasMore(answer, offset, limit));
    }

    /// <summary>
    /// Whether a page follows: never after an empty page or once <c>X-Total-Count</c> is reached (Human API's <c>last</c>
    /// may name an empty page); otherwise as the <c>Link</c> header says, or without one, when the total says so, or,
    /// with no total either, when the page was full.
    /// </summary>
    public static bool HasMore<T>(DataApiAnswer<List<T>> answer, int offset, int? limit)
    {
        var count = answer.Value!.Count;
        if (count == 0 || (answer.TotalCount is { } total && offset + count >= total))
        {
            return false;
        }

        if (answer.HasLinkHeader)
        {
            return answer.Next is not null;
        }

        return answer.TotalCount is not null || count >= (limit ?? DefaultLimit);
    }

    /// <summary>The <c>offset</c> a <c>next</c> link asks for, or <see langword="null"/> when it names none.</summary>
    public static int? OffsetOf(Uri link)
    {
        foreach (var pair in link.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == "offset"
                && int.TryParse(Uri.UnescapeDataString(pair[(equals + 1)..]), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }

        return null;
    }
}
