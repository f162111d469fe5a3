namespace HumanConnect.AspNetCore.Internal;

/// <summary>The rule for URLs that name a place in this app.</summary>
internal static class AppRelativeUrl
{
    /// <summary>
    /// Whether <paramref name="url"/> is a path in this app: it starts with <c>/</c>, but never <c>//</c> or
    /// <c>/\</c>, which browsers read as another host.
    /// </summary>
    public static bool Is(string url) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
