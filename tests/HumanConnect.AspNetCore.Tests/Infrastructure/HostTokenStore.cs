using System.Collections.Concurrent;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A host's own store, as registered with <c>AddTokenStore&lt;HostTokenStore&gt;()</c> (scoped, like a store over a
/// <c>DbContext</c>). Its data and its failure switches live in the singleton <see cref="HostTokenStoreBackend"/>.
/// </summary>
internal sealed class HostTokenStore(HostTokenStoreBackend backend) : IHumanTokenStore
{
    public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        backend.Calls.Enqueue($"get {localUserId}");
        if (backend.FailGets)
        {
            throw new InvalidOperationException("The database is down." + backend.FailureDetail);
        }

        return Task.FromResult(backend.Records.GetValueOrDefault(localUserId));
    }

    public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        backend.Calls.Enqueue($"save {localUserId}");
        if (backend.FailSaves)
        {
            throw new TimeoutException("The database did not answer." + backend.FailureDetail);
        }

        backend.Records[localUserId] = tokens;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        backend.Calls.Enqueue($"remove {localUserId}");
        if (backend.FailRemoves)
        {
            throw new InvalidOperationException("The database refused the delete." + backend.FailureDetail);
        }

        backend.Records.TryRemove(localUserId, out _);
        return Task.CompletedTask;
    }
}

/// <summary>The state behind <see cref="HostTokenStore"/>: the records, every call made, and whether calls fail.</summary>
internal sealed class HostTokenStoreBackend
{
    public ConcurrentDictionary<string, HumanTokens> Records { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Calls { get; } = new();

    public bool FailGets { get; set; }

    public bool FailSaves { get; set; }

    public bool FailRemoves { get; set; }

    /// <summary>Appended to the failures' messages: a database error that quotes the values it was given, say.</summary>
    public string FailureDetail { get; set; } = string.Empty;
}
