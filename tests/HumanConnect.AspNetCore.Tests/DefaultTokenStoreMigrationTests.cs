using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>Records an earlier release stored under the local user id in clear: read, moved to the hashed key, never left behind.</summary>
public sealed class DefaultTokenStoreMigrationTests : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public DefaultTokenStoreMigrationTests()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddHumanConnect(o =>
        {
            o.ClientId = TestData.ClientId;
            o.ClientSecret = TestData.ClientSecret;
        });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IHumanTokenStore Store => _services.GetRequiredService<IHumanTokenStore>();

    private IDistributedCache Cache => _services.GetRequiredService<IDistributedCache>();

    private static HumanTokens Tokens(string localUserId = TestData.Alice) =>
        new(TestData.HumanId, TestData.AccessToken, TestData.PublicToken, TestData.ClientUserIdOf(localUserId));

    private Task WriteLegacyAsync(string localUserId, HumanTokens tokens) =>
        Cache.SetAsync(DefaultStoreLayout.LegacyKeyOf(localUserId),
            DefaultStoreLayout.LegacyRecord(_services.GetRequiredService<IDataProtectionProvider>(), tokens), new DistributedCacheEntryOptions(), Ct);

    [Fact]
    public async Task A_record_under_the_old_key_is_read_then_moved_to_the_hashed_key()
    {
        const string email = "alice@example.com";
        await WriteLegacyAsync(email, Tokens(email));

        var read = await Store.GetAsync(email, Ct);

        Assert.Equal(Tokens(email), read);
        Assert.Null(await Cache.GetAsync(DefaultStoreLayout.LegacyKeyOf(email), Ct));
        Assert.NotNull(await Cache.GetAsync(DefaultStoreLayout.KeyOf(email), Ct));
        Assert.Equal(Tokens(email), await Store.GetAsync(email, Ct));
    }

    [Fact]
    public async Task A_save_deletes_the_record_under_the_old_key()
    {
        // A user whose first action after the upgrade is a finish: nothing read, and still no id left in a key.
        await WriteLegacyAsync(TestData.Alice, TestData.StoredTokens());

        await Store.SaveAsync(TestData.Alice, Tokens(), Ct);

        Assert.Null(await Cache.GetAsync(DefaultStoreLayout.LegacyKeyOf(TestData.Alice), Ct));
        Assert.Equal(Tokens(), await Store.GetAsync(TestData.Alice, Ct));
    }

    [Fact]
    public async Task Remove_forgets_the_record_under_the_old_key_too()
    {
        await WriteLegacyAsync(TestData.Alice, Tokens());

        await Store.RemoveAsync(TestData.Alice, Ct);

        Assert.Null(await Cache.GetAsync(DefaultStoreLayout.LegacyKeyOf(TestData.Alice), Ct));
        Assert.Null(await Store.GetAsync(TestData.Alice, Ct));
    }

    [Fact]
    public async Task A_user_id_shaped_like_a_hashed_key_reaches_no_other_users_record()
    {
        // Old key of "v2:<hash>" == new key of bob: that id must neither read bob's record nor delete it.
        await Store.SaveAsync(TestData.Bob, TestData.StoredTokens(TestData.Bob), Ct);
        var lookalike = DefaultStoreLayout.KeyOf(TestData.Bob)[DefaultStoreLayout.LegacyKeyPrefix.Length..];

        Assert.Null(await Store.GetAsync(lookalike, Ct));
        await Store.SaveAsync(lookalike, Tokens(lookalike), Ct);
        await Store.RemoveAsync(lookalike, Ct);

        Assert.Equal(TestData.StoredTokens(TestData.Bob), await Store.GetAsync(TestData.Bob, Ct));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
