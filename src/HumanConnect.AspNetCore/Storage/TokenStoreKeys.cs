using HumanConnect.AspNetCore.Internal;

namespace HumanConnect.AspNetCore.Storage;

/// <summary>The default store's cache keys: derived from the local user id without revealing it.</summary>
/// <remarks>
/// <para>
/// A key is <c>HumanConnect:tokens:v2:</c> and the lowercase hex SHA-256 of a domain string followed by the local
/// user id. Plain hashing, not an HMAC: the key must be found again after the Data Protection key ring is lost
/// (that is when the humanId kept beside the record lets the user reconnect), so it cannot depend on the key ring,
/// which also rotates; and the one other secret a host keeps, the client secret, is rotated when it leaks, which
/// would orphan every record at once.
/// </para>
/// <para>
/// The cost: someone who can read the cache and holds a list of candidate ids (emails, say) can test which of them
/// have a record. The <c>clientUserId</c> rendered into the user's page and sent to Human API is the same kind of
/// hash. The domain string keeps the two values apart, so a cache key never equals a <c>clientUserId</c>.
/// </para>
/// </remarks>
internal static class TokenStoreKeys
{
    /// <summary>Where keys of the current scheme start; the README tells operators what lives under it.</summary>
    public const string Prefix = "HumanConnect:tokens:v2:";

    /// <summary>The scheme before v2: the local user id in clear. Read once per user, then migrated away.</summary>
    public const string LegacyPrefix = "HumanConnect:tokens:";

    /// <summary>What follows <see cref="LegacyPrefix"/> in every current key.</summary>
    private static readonly string CurrentScheme = Prefix[LegacyPrefix.Length..];

    /// <summary>Hashed in front of the id. Pinned: changing it would make every record unfindable.</summary>
    private const string Domain = "HumanConnect.AspNetCore.TokenStore.Key.v2\n";

    /// <summary>The key of the user's record.</summary>
    public static string For(string localUserId) => Prefix + Sha256Hex.Of(Domain, localUserId);

    /// <summary>
    /// The key an earlier release stored the user's record under, or <see langword="null"/> for an id that starts
    /// with <c>v2:</c>: its old key lies among the current ones, and could name another user's record (a user who
    /// picks the name <c>v2:</c> followed by someone's hash must not read or delete that record).
    /// </summary>
    public static string? LegacyFor(string localUserId) =>
        localUserId.StartsWith(CurrentScheme, StringComparison.Ordinal) ? null : LegacyPrefix + localUserId;
}
