using System.Security.Cryptography;
using System.Text;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>The store <c>AddHumanConnect</c> registers when the host brings none: <c>IDistributedCache</c> plus Data Protection.</summary>
public sealed class DefaultTokenStoreTests
{
    private const string ProtectorPurpose = DefaultStoreLayout.ProtectorPurpose;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ServiceProvider BuildServices(Action<IServiceCollection>? before = null, Action<IServiceCollection>? after = null)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        before?.Invoke(services);
        services.AddHumanConnect(o =>
        {
            o.ClientId = TestData.ClientId;
            o.ClientSecret = TestData.ClientSecret;
        });
        after?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static HumanTokens Tokens(string publicToken = TestData.PublicToken) =>
        new(TestData.HumanId, TestData.AccessToken, publicToken, TestData.ClientUserIdOf(TestData.Alice));

    [Fact]
    public async Task Store_round_trips_a_record()
    {
        await using var services = BuildServices();
        var store = services.GetRequiredService<IHumanTokenStore>();

        await store.SaveAsync(TestData.Alice, Tokens(), Ct);

        Assert.Equal(Tokens(), await store.GetAsync(TestData.Alice, Ct));
    }

    [Fact]
    public async Task Store_round_trips_a_record_without_publicToken()
    {
        await using var services = BuildServices();
        var store = services.GetRequiredService<IHumanTokenStore>();
        var tokens = Tokens() with { PublicToken = null };

        await store.SaveAsync(TestData.Alice, tokens, Ct);

        Assert.Equal(tokens, await store.GetAsync(TestData.Alice, Ct));
    }

    [Fact]
    public async Task Store_returns_null_for_a_user_who_never_connected()
    {
        await using var services = BuildServices();

        Assert.Null(await services.GetRequiredService<IHumanTokenStore>().GetAsync("nobody", Ct));
    }

    [Fact]
    public async Task Store_overwrites_the_earlier_record()
    {
        await using var services = BuildServices();
        var store = services.GetRequiredService<IHumanTokenStore>();
        await store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        await store.SaveAsync(TestData.Alice, Tokens(TestData.NewPublicToken), Ct);

        Assert.Equal(Tokens(TestData.NewPublicToken), await store.GetAsync(TestData.Alice, Ct));
    }

    [Fact]
    public async Task Store_keeps_users_apart()
    {
        await using var services = BuildServices();
        var store = services.GetRequiredService<IHumanTokenStore>();
        await store.SaveAsync(TestData.Alice, Tokens(), Ct);

        await store.SaveAsync(TestData.Bob, TestData.StoredTokens(TestData.Bob), Ct);

        Assert.Equal(Tokens(), await store.GetAsync(TestData.Alice, Ct));
        Assert.Equal(TestData.StoredTokens(TestData.Bob), await store.GetAsync(TestData.Bob, Ct));
    }

    [Fact]
    public async Task Store_remove_forgets_the_user()
    {
        await using var services = BuildServices();
        var store = services.GetRequiredService<IHumanTokenStore>();
        await store.SaveAsync(TestData.Alice, Tokens(), Ct);

        await store.RemoveAsync(TestData.Alice, Ct);

        Assert.Null(await store.GetAsync(TestData.Alice, Ct));
    }

    [Fact]
    public async Task Store_remove_of_a_user_with_nothing_stored_is_not_an_error()
    {
        await using var services = BuildServices();

        await services.GetRequiredService<IHumanTokenStore>().RemoveAsync("nobody", Ct);
    }

    [Fact]
    public async Task Store_rejects_an_empty_user_id()
    {
        await using var services = BuildServices();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => services.GetRequiredService<IHumanTokenStore>().GetAsync("", Ct));
    }

    [Fact]
    public async Task Store_cache_entry_is_keyed_by_a_hash_that_does_not_reveal_the_user_id()
    {
        var hostCache = new RecordingCache();
        await using var services = BuildServices(before: s => s.AddSingleton<IDistributedCache>(hostCache));
        const string email = "alice@example.com";

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(email, Tokens(), Ct);

        var key = Assert.Single(hostCache.KeysSet);
        Assert.Equal(DefaultStoreLayout.KeyOf(email), key);
        Assert.DoesNotContain("alice", key, StringComparison.OrdinalIgnoreCase);

        // Not the clientUserId either, which pages and Human API see: the two hashes are kept apart.
        Assert.DoesNotContain(TestData.ClientUserIdOf(email), key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_raw_cache_bytes_reveal_nothing_but_the_humanId()
    {
        await using var services = BuildServices();
        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, Tokens(), Ct);

        var raw = await services.GetRequiredService<IDistributedCache>().GetAsync(DefaultStoreLayout.KeyOf(TestData.Alice), Ct);

        Assert.NotNull(raw);
        Assert.False(Contains(raw, TestData.AccessToken), "the cached bytes contain the access token");
        Assert.False(Contains(raw, TestData.PublicToken), "the cached bytes contain the publicToken");
        Assert.False(Contains(raw, TestData.ClientUserIdOf(TestData.Alice)), "the cached bytes contain the clientUserId");
        Assert.False(Contains(raw, "accessToken"), "the cached bytes contain readable JSON");

        // Kept in clear on purpose, so a lost key ring does not lose the user (DefaultTokenStoreKeyLossTests).
        Assert.Equal(TestData.HumanId, DefaultStoreLayout.Split(raw).HumanId);
    }

    [Fact]
    public async Task Store_raw_cache_bytes_are_data_protected_with_the_apps_key_ring_only()
    {
        await using var services = BuildServices();
        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, Tokens(), Ct);
        var raw = (await services.GetRequiredService<IDistributedCache>().GetAsync(DefaultStoreLayout.KeyOf(TestData.Alice), Ct))!;
        var payload = DefaultStoreLayout.Split(raw).Payload;

        // Not an encoding of the record: neither plain JSON nor base64 of it.
        Assert.NotEqual((byte)'{', payload[0]);
        Assert.False(RevealsTokenAsBase64(raw), "the cached bytes are base64 of the record");
        Assert.False(RevealsTokenAsBase64(payload), "the payload is base64 of the record");

        // Encrypted under the store's purpose with this app's keys: they open it, another key ring cannot.
        var own = services.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectorPurpose);
        Assert.Contains(TestData.AccessToken, Encoding.UTF8.GetString(own.Unprotect(payload)), StringComparison.Ordinal);
        var foreign = new EphemeralDataProtectionProvider().CreateProtector(ProtectorPurpose);
        Assert.ThrowsAny<CryptographicException>(() => foreign.Unprotect(payload));
    }

    [Fact]
    public void HumanTokens_ToString_redacts_the_access_token()
    {
        var text = Tokens().ToString();

        Assert.DoesNotContain(TestData.AccessToken, text, StringComparison.Ordinal);
        Assert.Contains(TestData.HumanId, text, StringComparison.Ordinal);
        Assert.Contains("AccessToken = ***", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_uses_a_cache_the_host_registered_before_AddHumanConnect()
    {
        var hostCache = new RecordingCache();
        await using var services = BuildServices(before: s => s.AddSingleton<IDistributedCache>(hostCache));

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, Tokens(), Ct);

        Assert.Equal([DefaultStoreLayout.KeyOf(TestData.Alice)], hostCache.KeysSet);
        Assert.Same(hostCache, services.GetRequiredService<IDistributedCache>());
    }

    [Fact]
    public async Task Store_uses_a_cache_the_host_registered_after_AddHumanConnect()
    {
        var hostCache = new RecordingCache();
        await using var services = BuildServices(after: s => s.AddSingleton<IDistributedCache>(hostCache));

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, Tokens(), Ct);

        Assert.Equal([DefaultStoreLayout.KeyOf(TestData.Alice)], hostCache.KeysSet);
    }

    [Fact]
    public async Task Store_entries_do_not_expire()
    {
        var hostCache = new RecordingCache();
        await using var services = BuildServices(before: s => s.AddSingleton<IDistributedCache>(hostCache));

        await services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, Tokens(), Ct);

        var entry = Assert.Single(hostCache.EntryOptions);
        Assert.Null(entry.AbsoluteExpiration);
        Assert.Null(entry.AbsoluteExpirationRelativeToNow);
        Assert.Null(entry.SlidingExpiration);
    }

    private static bool RevealsTokenAsBase64(byte[] raw)
    {
        var text = Encoding.ASCII.GetString(raw).TrimEnd('=');
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        foreach (var candidate in new[] { padded, padded.Replace('-', '+').Replace('_', '/') })
        {
            var decoded = new byte[candidate.Length];
            if (Convert.TryFromBase64String(candidate, decoded, out var length) && Contains(decoded[..length], TestData.AccessToken))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(byte[] haystack, string needle) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(needle)) >= 0
        || haystack.AsSpan().IndexOf(Encoding.Unicode.GetBytes(needle)) >= 0;

    /// <summary>A host's own cache: a memory cache that records what is written to it.</summary>
    private sealed class RecordingCache() : MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())), IDistributedCache
    {
        public List<string> KeysSet { get; } = [];

        public List<DistributedCacheEntryOptions> EntryOptions { get; } = [];

        Task IDistributedCache.SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token)
        {
            KeysSet.Add(key);
            EntryOptions.Add(options);
            return SetAsync(key, value, options, token);
        }
    }
}
