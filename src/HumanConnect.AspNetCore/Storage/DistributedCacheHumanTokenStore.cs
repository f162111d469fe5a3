using System.Security.Cryptography;
using System.Text.Json;
using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Storage;

/// <summary>
/// The default <see cref="IHumanTokenStore"/>: one cache entry per local user in whatever
/// <see cref="IDistributedCache"/> the host registered, under a key that does not reveal the user id
/// (<see cref="TokenStoreKeys"/>); the record encrypted with Data Protection, the humanId beside it
/// (<see cref="StoredRecord"/>).
/// </summary>
/// <remarks>
/// <para>
/// Entries never expire: losing them would strand returning users in the "User Already Exists" error. For the same
/// reason a record whose key is gone is not deleted: it is read as the humanId alone, an empty access token and no
/// publicToken, which the button heals with a fresh publicToken so the user can reconnect.
/// </para>
/// <para>
/// Records an earlier release stored under the user id in clear are still read: the first read moves the record
/// to its new key, and every save or removal deletes the old key. <see cref="IDistributedCache"/> has no
/// compare-and-set, so a save for the same user landing between a migrating read and its write would be replaced
/// by the migrated (older) record; that can only happen on a user's first read after the upgrade.
/// </para>
/// </remarks>
internal sealed class DistributedCacheHumanTokenStore(
    IDistributedCache cache,
    IDataProtectionProvider dataProtection,
    IHumanConnectUserResolver users,
    ILogger<DistributedCacheHumanTokenStore> logger) : IHumanTokenStore
{
    internal const string ProtectorPurpose = "HumanConnect.AspNetCore.TokenStore.v1";

    private static readonly DistributedCacheEntryOptions NeverExpires = new();

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        var key = TokenStoreKeys.For(localUserId);
        var record = await cache.GetAsync(key, cancellationToken);
        return record is not null ? Open(localUserId, record) : await MigrateLegacyAsync(localUserId, key, cancellationToken);
    }

    public async Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        ArgumentNullException.ThrowIfNull(tokens);

        // Some caches (the memory cache among them) ignore the token: honour it here so a cancelled save writes nothing.
        cancellationToken.ThrowIfCancellationRequested();
        await cache.SetAsync(TokenStoreKeys.For(localUserId), Seal(tokens), NeverExpires, cancellationToken);
        await RemoveLegacyAsync(localUserId, cancellationToken);
    }

    public async Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        await cache.RemoveAsync(TokenStoreKeys.For(localUserId), cancellationToken);
        await RemoveLegacyAsync(localUserId, cancellationToken);
    }

    /// <summary>Reads the record an earlier release kept under the id in clear, and moves it to <paramref name="key"/>.</summary>
    private async Task<HumanTokens?> MigrateLegacyAsync(string localUserId, string key, CancellationToken cancellationToken)
    {
        var legacyKey = TokenStoreKeys.LegacyFor(localUserId);
        var legacy = legacyKey is null ? null : await cache.GetAsync(legacyKey, cancellationToken);
        if (legacy is null)
        {
            return null;
        }

        HumanTokens tokens;
        try
        {
            tokens = Decrypt(legacy);
        }
        catch (CryptographicException ex) when (HumanTokenStoreRecovery.IsKeyLost(ex))
        {
            // Nothing to recover it with: left in place, in case the key ring comes back, until a save replaces it.
            HumanConnectLog.StoreLegacyRecordLost(logger);
            return null;
        }

        // Written before the old key goes, so a failure in between leaves the record readable under one of them.
        await cache.SetAsync(key, Seal(tokens), NeverExpires, cancellationToken);
        await cache.RemoveAsync(legacyKey!, cancellationToken);
        return tokens;
    }

    private Task RemoveLegacyAsync(string localUserId, CancellationToken cancellationToken) =>
        TokenStoreKeys.LegacyFor(localUserId) is { } legacyKey ? cache.RemoveAsync(legacyKey, cancellationToken) : Task.CompletedTask;

    private byte[] Seal(HumanTokens tokens) => StoredRecord.Write(
        tokens.HumanId,
        _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(StoredTokens.From(tokens), StoredTokensJsonContext.Default.StoredTokens)));

    private HumanTokens Open(string localUserId, byte[] record)
    {
        if (!StoredRecord.TryRead(record, out var humanId, out var payload) || humanId.Length == 0)
        {
            throw new InvalidDataException("The stored Human Connect record is not in a layout this release reads.");
        }

        try
        {
            var tokens = Decrypt(payload);
            return string.Equals(tokens.HumanId, humanId, StringComparison.Ordinal)
                ? tokens
                : throw new InvalidDataException("The humanId beside a stored Human Connect record differs from the one inside it.");
        }
        catch (CryptographicException ex) when (HumanTokenStoreRecovery.IsKeyLost(ex))
        {
            // The humanId is all that is left: the button fetches a publicToken for it, and the user reconnects.
            HumanConnectLog.StoreRecordUnreadable(logger);
            return HumanTokenStoreRecovery.Unreadable(humanId, users.GetClientUserId(localUserId));
        }
    }

    private HumanTokens Decrypt(byte[] protectedPayload)
    {
        var json = _protector.Unprotect(protectedPayload);
        var stored = JsonSerializer.Deserialize(json, StoredTokensJsonContext.Default.StoredTokens)
            ?? throw new InvalidDataException("The stored Human Connect record is empty.");
        return stored.ToTokens();
    }
}
