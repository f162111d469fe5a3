using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>Finds secret values in captured text: responses and every part of a log record.</summary>
internal static class SecretScan
{
    /// <summary>All of a log record a sink could write: message, exception (with inner ones), state, scopes.</summary>
    public static string Describe(FakeLogRecord record) => string.Join('\n',
    [
        record.Category ?? string.Empty,
        record.Message,
        record.Exception?.ToString() ?? string.Empty,
        record.State?.ToString() ?? string.Empty,
        .. (record.StructuredState ?? []).Select(pair => $"{pair.Key}={pair.Value}"),
        .. record.Scopes.Select(scope => scope?.ToString() ?? string.Empty),
    ]);

    public static IEnumerable<string> FindIn(string what, IEnumerable<string> texts, IEnumerable<string> secrets) =>
        from text in texts
        from secret in secrets
        where text.Contains(secret, StringComparison.Ordinal)
        select $"a {what} contains a secret value: {Excerpt(text, secret)}";

    public static void AssertNoneIn(IEnumerable<string> texts, IEnumerable<string> secrets)
    {
        var found = FindIn("text", texts, secrets).ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    /// <summary>The text around the leak, with the secret itself masked.</summary>
    private static string Excerpt(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        var start = Math.Max(0, at - 150);
        return text.Substring(start, Math.Min(text.Length - start, 150 + secret.Length + 150)).Replace(secret, "<SECRET>", StringComparison.Ordinal);
    }
}
