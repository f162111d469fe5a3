using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Connect v2's tokens, cached per local user in the app's <see cref="IDistributedCache"/> (the one the default
/// store uses: the memory cache, or Redis with <c>UseRedis</c>) until shortly before they expire, so that a page view
/// or a data read does not call Human API each time. Two entries per user: the token the button opens Connect with
/// (<see cref="ConnectTokenSlot.Launch"/>: a <c>session</c> or <c>id</c> token) and the <c>access</c> token.
/// </summary>
/// <remarks>
/// <para>
/// Every entry is encrypted with Data Protection, under a purpose bound to its slot and user, so an entry copied under
/// another key does not open; keys are a hash of the local user id (<see cref="KeyFor"/>), never the id. The access
/// token is a secret; the launch token is shown to the user's own browser, and is encrypted all the same.
/// </para>
/// <para>
/// The cache is an optimisation: a read or write that fails, or an entry that no longer opens, is logged and treated as
/// a miss, and the token is minted instead.
/// </para>
/// </remarks>
internal sealed class ConnectTokenCache(
    IDistributedCache cache,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    ILogger<ConnectTokenCache> logger)
{
    internal const string KeyPrefix = "HumanConnect:connect-token:v1:";
    private const string Purpose = "HumanConnect.AspNetCore.ConnectTokenCache.v1";
    private const string Domain = "HumanConnect.AspNetCore.ConnectTokenCache.Key.v1\n";

    /// <summary>The longest margin before a token's expiry at which its entry is dropped.</summary>
    internal static readonly TimeSpan MaxMargin = TimeSpan.FromSeconds(60);

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    /// <summary>The cache key of a user's entry in <paramref name="slot"/>: a hash of the local user id, never the id.</summary>
    internal static string KeyFor(ConnectTokenSlot slot, string localUserId) =>
        KeyPrefix + SlotName(slot) + ":" + Sha256Hex.Of(Domain, localUserId);

    /// <summary>
    /// How long a token is served from the cache: its lifetime less a margin (a tenth of it, at most
    /// <see cref="MaxMargin"/>), so it is never handed out just before Human API stops accepting it.
    /// </summary>
    internal static TimeSpan Usable(TimeSpan lifetime) => lifetime - TimeSpan.FromTicks(Math.Min(MaxMargin.Ticks, lifetime.Ticks / 10));

    /// <summary>The user's cached token, or <see langword="null"/> when there is none that is still usable.</summary>
    public async Task<ConnectToken?> GetAsync(ConnectTokenSlot slot, string localUserId, CancellationToken cancellationToken)
    {
        byte[]? entry;
        try
        {
            entry = await cache.GetAsync(KeyFor(slot, localUserId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.ConnectTokenCacheFailed(logger, "read", ex.GetType().Name);
            return null;
        }

        return entry is null ? null : Open(slot, localUserId, entry);
    }

    /// <summary>Caches <paramref name="token"/> for the user until shortly before it expires; a token without a known lifetime is not cached.</summary>
    public async Task SetAsync(ConnectTokenSlot slot, string localUserId, ConnectToken token, CancellationToken cancellationToken)
    {
        var usable = Usable(token.Lifetime);
        if (usable <= TimeSpan.Zero)
        {
            return;
        }

        var expires = time.GetUtcNow() + usable;
        try
        {
            await cache.SetAsync(KeyFor(slot, localUserId), Seal(slot, localUserId, token, expires),
                new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = usable }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.ConnectTokenCacheFailed(logger, "write", ex.GetType().Name);
        }
    }

    /// <summary>Drops the user's entry; <paramref name="onlyValue"/>, when given, drops it only if it still holds that token.</summary>
    public async Task RemoveAsync(ConnectTokenSlot slot, string localUserId, CancellationToken cancellationToken, string? onlyValue = null)
    {
        try
        {
            if (onlyValue is not null && !string.Equals((await GetAsync(slot, localUserId, cancellationToken))?.Value, onlyValue, StringComparison.Ordinal))
            {
                return;
            }

            await cache.RemoveAsync(KeyFor(slot, localUserId), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            HumanConnectLog.ConnectTokenCacheFailed(logger, "remove", ex.GetType().Name);
        }
    }

    // The entry: [expiry, 8 bytes: Unix milliseconds, big-endian] [type, 1 byte] [humanId length, 4 bytes] [humanId] [token],
    // all of it protected. The expiry is inside, and checked on every read against the TimeProvider: a cache that keeps
    // entries longer than asked (or a clock that moved) never serves an expired token.
    private byte[] Seal(ConnectTokenSlot slot, string localUserId, ConnectToken token, DateTimeOffset expires)
    {
        var humanId = Encoding.UTF8.GetBytes(token.HumanId ?? string.Empty);
        var value = Encoding.UTF8.GetBytes(token.Value);
        var plain = new byte[8 + 1 + 4 + humanId.Length + value.Length];
        BinaryPrimitives.WriteInt64BigEndian(plain, expires.ToUnixTimeMilliseconds());
        plain[8] = (byte)token.Type;
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(9), humanId.Length);
        humanId.CopyTo(plain.AsSpan(13));
        value.CopyTo(plain.AsSpan(13 + humanId.Length));
        try
        {
            return ProtectorFor(slot, localUserId).Protect(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
            CryptographicOperations.ZeroMemory(value);
        }
    }

    private ConnectToken? Open(ConnectTokenSlot slot, string localUserId, byte[] entry)
    {
        byte[] plain;
        try
        {
            plain = ProtectorFor(slot, localUserId).Unprotect(entry);
        }
        catch (CryptographicException ex)
        {
            // A key ring that was replaced, or an entry moved under this key: a miss, minted afresh.
            HumanConnectLog.ConnectTokenCacheFailed(logger, "open an entry", ex.GetType().Name);
            return null;
        }

        try
        {
            var humanIdLength = plain.Length < 13 ? -1 : BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(9));
            if (humanIdLength < 0 || humanIdLength > plain.Length - 13)
            {
                return null;
            }

            var left = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(plain)) - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            var humanId = Encoding.UTF8.GetString(plain, 13, humanIdLength);
            var value = Encoding.UTF8.GetString(plain, 13 + humanIdLength, plain.Length - 13 - humanIdLength);
            return value.Length == 0 ? null : new ConnectToken((ConnectTokenType)plain[8], value, left, humanId.Length == 0 ? null : humanId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private IDataProtector ProtectorFor(ConnectTokenSlot slot, string localUserId) =>
        _protector.CreateProtector(SlotName(slot), Sha256Hex.Of(Domain, localUserId));

    private static string SlotName(ConnectTokenSlot slot) => slot == ConnectTokenSlot.Access ? "access" : "launch";
}

/// <summary>The two tokens the cache keeps per user.</summary>
internal enum ConnectTokenSlot
{
    /// <summary>The <c>session</c> or <c>id</c> token the button renders.</summary>
    Launch,

    /// <summary>The <c>access</c> token the data client reads with.</summary>
    Access,
}
