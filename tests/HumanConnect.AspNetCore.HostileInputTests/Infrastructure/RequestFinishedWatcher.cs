using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// A logger provider that only listens for hosting's "Request finished" event and tells the ledger, so a case can
/// wait for its request to be over on the server (by then the server has logged any application error) instead of
/// sleeping. The request is named by the <c>RequestId</c> of hosting's logging scope: its trace identifier.
/// </summary>
internal sealed class RequestFinishedWatcher(CaseLedger ledger) : ILoggerProvider, ISupportExternalScope
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";
    private const int RequestFinishedEventId = 2;

    private IExternalScopeProvider? _scopes;

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostingCategory ? new Watcher(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Finished()
    {
        string? requestId = null;
        _scopes?.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                {
                    requestId ??= pairs.FirstOrDefault(pair => pair.Key == "RequestId").Value?.ToString();
                }
            },
            (object?)null);
        if (requestId is not null)
        {
            ledger.RequestFinished(requestId);
        }
    }

    private sealed class Watcher(RequestFinishedWatcher provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RequestFinishedEventId)
            {
                provider.Finished();
            }
        }
    }
}
