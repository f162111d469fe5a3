using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.DataClient;

/// <summary>What is checked before any data call: the query, and the ids that go into a path.</summary>
internal static class QueryRules
{
    public static readonly string InvalidId =
        $"The id must be 1 to {UrlSegment.MaxLength} letters, digits, '-' or '_', as Human API issues them.";

    public static IReadOnlyList<string> Check(HumanDataQuery? query, DataPath path)
    {
        if (query is null)
        {
            return [];
        }

        var errors = query.Validate();
        if (query.TimeSeries && !path.TimeSeries)
        {
            return [.. errors, $"{nameof(HumanDataQuery.TimeSeries)} applies to activities and sleeps only."];
        }

        return errors;
    }
}
