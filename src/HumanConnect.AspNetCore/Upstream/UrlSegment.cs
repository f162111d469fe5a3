namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// The rule for values that go into a Human API path (record ids, humanIds): letters, digits, <c>-</c> and
/// <c>_</c>, at most 128 characters. Human API's ids are hex; anything else (a <c>..</c>, a slash, a query) could
/// move the request to another resource, so it is refused rather than escaped.
/// </summary>
internal static class UrlSegment
{
    public const int MaxLength = 128;

    public static bool IsSafe(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
