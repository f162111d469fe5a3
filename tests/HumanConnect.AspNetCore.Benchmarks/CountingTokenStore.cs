using System.Collections.Concurrent;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// An in-memory <see cref="IHumanTokenStore"/> that counts reads: the button benchmarks measure rendering, not a
/// store, and check with <see cref="Reads"/> that a page reads the store once however many buttons it has.
/// </summary>
internal sealed class CountingTokenStore : IHumanTokenStore
{
    private readonly ConcurrentDictionary<string, HumanTokens> _records = new(StringComparer.Ordinal);
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_records.TryGetValue(localUserId, out var tokens) ? tokens : null);
    }

    public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        _records[localUserId] = tokens;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        _records.TryRemove(localUserId, out _);
        return Task.CompletedTask;
    }
}
