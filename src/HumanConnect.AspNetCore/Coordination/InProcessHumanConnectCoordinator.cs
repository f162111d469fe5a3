namespace HumanConnect.AspNetCore.Coordination;

/// <summary>
/// The default <see cref="IHumanConnectCoordinator"/>: entries in this process's memory, so it is correct on one
/// instance only. Every operation runs under one lock; they are a dictionary lookup each, far cheaper than the
/// Human API call they guard.
/// </summary>
/// <remarks>
/// Expired entries are dropped when they are next touched, and by a sweep of the whole table at most once per
/// <see cref="SweepInterval"/>, so memory is bounded by the entries created within their lifetimes.
/// </remarks>
internal sealed class InProcessHumanConnectCoordinator(TimeProvider time) : IHumanConnectCoordinator
{
    internal static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private DateTimeOffset _nextSweep = time.GetUtcNow() + SweepInterval;

    /// <summary>How many entries are held, expired ones not yet swept included; for tests.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public Task<string?> TryAcquireAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        Validate(key, value, timeToLive);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            if (_entries.TryGetValue(key, out var held) && held.ExpiresAt > now)
            {
                return Task.FromResult<string?>(held.Value);
            }

            _entries[key] = new Entry(value, now + timeToLive);
            return Task.FromResult<string?>(null);
        }
    }

    public Task<bool> TryReplaceAsync(string key, string expectedValue, string newValue, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        Validate(key, newValue, timeToLive);
        ArgumentException.ThrowIfNullOrEmpty(expectedValue);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!IsHeldBy(key, expectedValue, now))
            {
                return Task.FromResult(false);
            }

            _entries[key] = new Entry(newValue, now + timeToLive);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (IsHeldBy(key, value, now))
            {
                _entries.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    private bool IsHeldBy(string key, string value, DateTimeOffset now) =>
        _entries.TryGetValue(key, out var held) && held.ExpiresAt > now && string.Equals(held.Value, value, StringComparison.Ordinal);

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private static void Validate(string key, string value, TimeSpan timeToLive)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
    }

    private readonly record struct Entry(string Value, DateTimeOffset ExpiresAt);
}
