using System.Globalization;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis;

/// <summary>
/// The coordinator on Redis, shared by every instance: <c>SET NX PX</c> to acquire, and small Lua scripts for
/// what must read and write in one step (compare-and-replace, compare-and-delete). Redis runs a script atomically,
/// so no other client's command lands between its read and its write.
/// </summary>
internal sealed class RedisHumanConnectCoordinator(RedisConnection connection) : IHumanConnectCoordinator
{
    // Acquired: nil. Held: the value held now, read in the same atomic step as the refused SET.
    private const string AcquireScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return false end
        return redis.call('GET', KEYS[1])
        """;

    private const string ReplaceScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
          return 1
        end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task<string?> TryAcquireAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        // Checked before sending only: a command abandoned in flight may still run, and leave an entry nobody knows it holds.
        cancellationToken.ThrowIfCancellationRequested();
        var held = await (await connection.GetDatabaseAsync()).ScriptEvaluateAsync(AcquireScript, [key], [value, Milliseconds(timeToLive)]);
        return held.IsNull ? null : (string?)held;
    }

    public async Task<bool> TryReplaceAsync(string key, string expectedValue, string newValue, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(expectedValue);
        ArgumentException.ThrowIfNullOrEmpty(newValue);
        cancellationToken.ThrowIfCancellationRequested();
        var replaced = await (await connection.GetDatabaseAsync()).ScriptEvaluateAsync(ReplaceScript, [key], [expectedValue, newValue, Milliseconds(timeToLive)]);
        return (long)replaced == 1;
    }

    public async Task ReleaseAsync(string key, string value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(value);
        cancellationToken.ThrowIfCancellationRequested();
        await (await connection.GetDatabaseAsync()).ScriptEvaluateAsync(ReleaseScript, [key], [value]);
    }

    /// <summary>Whole milliseconds, rounded up and at least one: <c>PX 0</c> is an error in Redis.</summary>
    private static string Milliseconds(TimeSpan timeToLive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeToLive, TimeSpan.Zero);
        return Math.Max(1L, (long)Math.Ceiling(timeToLive.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
    }
}
