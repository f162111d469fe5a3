using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;

namespace HumanConnect.AspNetCore.Storage;

/// <summary>
/// The default <see cref="IHumanTokenStore"/>: one cache entry per local user in whatever
/// <see cref="IDistributedCache"/> the host registered, the whole record encrypted with Data Protection.
/// </summary>
/// <remarks>
/// Entries never expire: losing them would strand returning users in the "User Already Exists" error.
/// The whole record is protected rather than the access token alone, so the cache holds nothing readable.
/// </remarks>
internal sealed class DistributedCacheHumanTokenStore(IDistributedCache cache, IDataProtectionProvider dataProtection)
    : IHumanTokenStore
{
    internal const string KeyPrefix = "HumanConnect:tokens:";
    internal const string ProtectorPurpose = "HumanConnect.AspNetCore.TokenStore.v1";

    private static readonly DistributedCacheEntryOptions NeverExpires = new();

    private readonly IDataProtector _protector = dataProtection.CreateProtector(ProtectorPurpose);

    public async Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        var protectedBytes = await cache.GetAsync(KeyFor(localUserId), cancellationToken);
        if (protectedBytes is null)
        {
            return null;
        }

        var json = _protector.Unprotect(protectedBytes);
        var stored = JsonSerializer.Deserialize(json, StoredTokensJsonContext.Default.StoredTokens)
            ?? throw new InvalidDataException("The stored Human Connect record is empty.");
        return stored.ToTokens();
    }

    public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        ArgumentNullException.ThrowIfNull(tokens);

        // Some caches (the memory cache among them) ignore the token: honour it here so a cancelled save writes nothing.
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.SerializeToUtf8Bytes(StoredTokens.From(tokens), StoredTokensJsonContext.Default.StoredTokens);
        return cache.SetAsync(KeyFor(localUserId), _protector.Protect(json), NeverExpires, cancellationToken);
    }

    public Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        return cache.RemoveAsync(KeyFor(localUserId), cancellationToken);
    }

    internal static string KeyFor(string localUserId) => KeyPrefix + localUserId;
}
