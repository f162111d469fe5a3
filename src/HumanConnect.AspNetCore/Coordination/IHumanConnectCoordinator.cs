namespace HumanConnect.AspNetCore;

/// <summary>
/// Short-lived entries that every instance of the app sees: what keeps the Human Connect endpoints correct when two
/// requests for the same user, or the same session token, arrive at once, on one instance or several. The library
/// builds two things on it: a marker that lets a session token be exchanged once, and a per-user lock that
/// serialises the calls that rotate a user's publicToken, so that the stored one is always the newest.
/// </summary>
/// <remarks>
/// <para>
/// The default implementation keeps the entries in process memory, which is correct for one instance only. With
/// several instances, register one that all of them share: <c>UseRedis(...)</c> from
/// HumanConnect.AspNetCore.StackExchangeRedis, or your own with <see cref="HumanConnectBuilder.AddCoordinator{TCoordinator}"/>.
/// </para>
/// <para>
/// Each operation must be atomic with respect to every other operation on the same key, on every instance (in
/// Redis: <c>SET NX PX</c> and a compare-and-delete script). The library builds keys from SHA-256 hashes, never from
/// a session token or a local user id in clear, and values are opaque strings it chooses. An implementation should
/// throw when its backing store is unavailable: the endpoints then answer <c>503 store_unavailable</c> and change
/// nothing.
/// </para>
/// </remarks>
public interface IHumanConnectCoordinator
{
    /// <summary>
    /// Creates <paramref name="key"/> holding <paramref name="value"/> for <paramref name="timeToLive"/>, unless the
    /// key already holds a value that has not expired.
    /// </summary>
    /// <param name="key">The entry's name.</param>
    /// <param name="value">What it holds; never empty.</param>
    /// <param name="timeToLive">After this long the entry is gone, as if released.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="null"/> when this call created the entry; otherwise the value the entry holds now.</returns>
    Task<string?> TryAcquireAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the value of <paramref name="key"/> with <paramref name="newValue"/> and a fresh
    /// <paramref name="timeToLive"/>, only if the entry still holds <paramref name="expectedValue"/>.
    /// </summary>
    /// <param name="key">The entry's name.</param>
    /// <param name="expectedValue">The value the caller put there.</param>
    /// <param name="newValue">The value it holds afterwards; never empty.</param>
    /// <param name="timeToLive">How long the entry lives from now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether the value was replaced: <see langword="false"/> when the entry expired or holds another value.</returns>
    Task<bool> TryReplaceAsync(string key, string expectedValue, string newValue, TimeSpan timeToLive, CancellationToken cancellationToken);

    /// <summary>
    /// Removes <paramref name="key"/> only if it still holds <paramref name="value"/>, so a caller whose entry expired
    /// never removes the entry someone else created since. Releasing an entry that is gone is not an error.
    /// </summary>
    /// <param name="key">The entry's name.</param>
    /// <param name="value">The value the caller put there.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task ReleaseAsync(string key, string value, CancellationToken cancellationToken);
}
