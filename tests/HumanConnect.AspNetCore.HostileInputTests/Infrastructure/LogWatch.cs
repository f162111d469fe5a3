using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Decides what a captured log record says about a case: which request it belongs to, and whether it reports an
/// unhandled exception.
/// </summary>
internal static class LogWatch
{
    /// <summary>
    /// An unhandled exception: one the server, hosting or the diagnostics middleware reports as unhandled, or any
    /// record at Error or above that carries an exception.
    /// </summary>
    public static bool IsUnhandledException(FakeLogRecord record) =>
        record.Exception is not null
        && (record.Level >= LogLevel.Error
            || (IsFrameworkCategory(record.Category) && record.Message.Contains("unhandled", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Whether the record names one of the case's requests (by trace identifier) or connections.</summary>
    public static bool Mentions(FakeLogRecord record, IReadOnlyList<(string TraceIdentifier, string ConnectionId)> requests) =>
        requests.Any(request => Mentions(record, request.TraceIdentifier) || Mentions(record, $"\"{request.ConnectionId}\"")
            || ScopeValue(record, "ConnectionId") == request.ConnectionId);

    public static string Describe(FakeLogRecord record) =>
        $"[{record.Level}] {record.Category} ({record.Id.Id}): {record.Message} -> {record.Exception?.GetType().FullName}: {record.Exception?.Message}";

    private static bool Mentions(FakeLogRecord record, string text) =>
        record.Message.Contains(text, StringComparison.Ordinal)
        || record.StructuredState?.Any(pair => pair.Value == text) == true
        || record.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>().Any(scope => scope.Any(pair => pair.Value?.ToString() == text));

    private static string? ScopeValue(FakeLogRecord record, string key) =>
        record.Scopes.OfType<IEnumerable<KeyValuePair<string, object>>>()
            .SelectMany(scope => scope)
            .FirstOrDefault(pair => pair.Key == key).Value?.ToString();

    private static bool IsFrameworkCategory(string? category) =>
        category is not null
        && (category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)
            || category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal)
            || category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal));
}
