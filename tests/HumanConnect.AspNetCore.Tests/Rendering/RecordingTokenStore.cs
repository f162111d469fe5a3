using System.Collections.Concurrent;

namespace HumanConnect.AspNetCore.Tests.Rendering;

/// <summary>An in-memory store that counts reads and can be told to fail, to see what the button does with it.</summary>
internal sealed class RecordingTokenStore : IHumanTokenStore
{
    private readonly ConcurrentDictionary<string, HumanTokens> _records = new(StringComparer.Ordinal);
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Every call throws, as a store whose backend is down.</summary>
    public bool Unavailable { get; set; }

    /// <summary>The message of the exceptions the store throws when it fails.</summary>
    public string FailureMessage { get; set; } = "The test store is down.";

    /// <summary>Reads work, saves throw.</summary>
    public bool FailSaves { get; set; }

    /// <summary>Reads and saves work, removals throw.</summary>
    public bool FailRemoves { get; set; }

    public HumanTokens? this[string localUserId]
    {
        get => _records.TryGetValue(localUserId, out var tokens) ? tokens : null;
        set
        {
            if (value is null)
            {
                _records.TryRemove(localUserId, out _);
            }
            else
            {
                _records[localUserId] = value;
            }
        }
    }

    public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reads);
        if (Unavailable)
        {
            throw new IOException(FailureMessage);
        }

        return Task.FromResult(this[localUserId]);
    }

    public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        if (Unavailable || FailSaves)
        {
            throw new IOException(FailureMessage);
        }

        this[localUserId] = tokens;
        return Task.CompletedTask;
    }

    public Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        if (Unavailable || FailRemoves)
        {
            throw new IOException(FailureMessage);
        }

        this[localUserId] = null;
        return Task.CompletedTask;
    }
}
