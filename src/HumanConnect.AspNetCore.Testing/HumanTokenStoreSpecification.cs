using System.Security.Cryptography;
using Xunit;

namespace HumanConnect.AspNetCore.Testing;

/// <summary>
/// The behaviour every <see cref="IHumanTokenStore"/> must have, as xunit tests. Inherit this class in your own
/// xunit.v3 test project and implement <see cref="CreateStoreAsync"/>; every test below then runs against your store.
/// </summary>
/// <remarks>
/// Each test uses fresh, random user ids, so a store may be shared between tests (a database created once per
/// class, say). The tests prove: round-trip, overwrite, remove, not-found, isolation between users, atomic
/// concurrent saves, and cancellation.
/// </remarks>
public abstract class HumanTokenStoreSpecification
{
    /// <summary>Creates (or returns a shared instance of) the store under test.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<IHumanTokenStore> CreateStoreAsync();

    /// <summary>The token of the running test, so that a test cancelled by the runner stops its store calls.</summary>
    protected static CancellationToken TestCancellation => TestContext.Current.CancellationToken;

    /// <summary>A user that was never saved is not found.</summary>
    [Fact]
    public async Task Get_returns_null_for_a_user_never_saved()
    {
        var store = await CreateStoreAsync();

        Assert.Null(await store.GetAsync(NewUserId(), TestCancellation));
    }

    /// <summary>What is saved is read back field for field.</summary>
    [Fact]
    public async Task Save_then_get_round_trips_every_field()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        var tokens = NewTokens();

        await store.SaveAsync(userId, tokens, TestCancellation);

        Assert.Equal(tokens, await store.GetAsync(userId, TestCancellation));
    }

    /// <summary>A record whose publicToken was lost keeps that state.</summary>
    [Fact]
    public async Task Save_then_get_keeps_a_missing_public_token_missing()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        var tokens = NewTokens() with { PublicToken = null };

        await store.SaveAsync(userId, tokens, TestCancellation);

        var read = await store.GetAsync(userId, TestCancellation);
        Assert.NotNull(read);
        Assert.Null(read.PublicToken);
        Assert.Equal(tokens, read);
    }

    /// <summary>
    /// A Connect v2 record (no legacy token: an empty access token, no publicToken) keeps its version and its
    /// connection state: a store that dropped them would show a v2 user as a legacy one.
    /// </summary>
    [Fact]
    public Task Save_then_get_round_trips_a_connect_v2_record_with_sources_connected() => RoundTripsConnectV2Async(sourcesConnected: true);

    /// <summary>A v2 record whose last sync found no connected source keeps that state too.</summary>
    [Fact]
    public Task Save_then_get_round_trips_a_connect_v2_record_without_sources() => RoundTripsConnectV2Async(sourcesConnected: false);

    /// <summary>A legacy record saved over a v2 one (and the other way round) reads as what was saved last.</summary>
    [Fact]
    public async Task Save_replaces_a_connect_v2_record_with_a_legacy_one_and_back()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        var legacy = NewTokens();
        var v2 = HumanTokens.ForConnectV2(legacy.HumanId, legacy.ClientUserId, sourcesConnected: false);

        await store.SaveAsync(userId, v2, TestCancellation);
        await store.SaveAsync(userId, legacy, TestCancellation);
        Assert.Equal(legacy, await store.GetAsync(userId, TestCancellation));

        await store.SaveAsync(userId, v2, TestCancellation);
        Assert.Equal(v2, await store.GetAsync(userId, TestCancellation));
    }

    /// <summary>Real access tokens are long and contain '='; user ids may hold any character.</summary>
    [Fact]
    public async Task Save_then_get_round_trips_long_tokens_and_unusual_user_ids()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId() + " ünïcødé/\"'<>&:%";
        var tokens = NewTokens() with { AccessToken = RandomHex(300) + "==" };

        await store.SaveAsync(userId, tokens, TestCancellation);

        Assert.Equal(tokens, await store.GetAsync(userId, TestCancellation));
    }

    /// <summary>Saving again replaces the earlier record: the publicToken rotates on every connect.</summary>
    [Fact]
    public async Task Save_overwrites_the_earlier_record()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        await store.SaveAsync(userId, NewTokens(), TestCancellation);
        var newer = NewTokens();

        await store.SaveAsync(userId, newer, TestCancellation);

        Assert.Equal(newer, await store.GetAsync(userId, TestCancellation));
    }

    /// <summary>Removing forgets the user.</summary>
    [Fact]
    public async Task Remove_forgets_the_user()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        await store.SaveAsync(userId, NewTokens(), TestCancellation);

        await store.RemoveAsync(userId, TestCancellation);

        Assert.Null(await store.GetAsync(userId, TestCancellation));
    }

    /// <summary>Removing a user that has nothing stored is not an error.</summary>
    [Fact]
    public async Task Remove_of_an_unknown_user_succeeds()
    {
        var store = await CreateStoreAsync();

        await store.RemoveAsync(NewUserId(), TestCancellation);
    }

    /// <summary>One user's save, overwrite or removal never touches another user's record.</summary>
    [Fact]
    public async Task Users_are_isolated_from_each_other()
    {
        var store = await CreateStoreAsync();
        var (alice, bob, carol) = (NewUserId(), NewUserId(), NewUserId());
        var (aliceTokens, bobTokens, bobNewerTokens) = (NewTokens(), NewTokens(), NewTokens());
        await store.SaveAsync(alice, aliceTokens, TestCancellation);
        await store.SaveAsync(bob, bobTokens, TestCancellation);
        await store.SaveAsync(carol, NewTokens(), TestCancellation);

        await store.SaveAsync(bob, bobNewerTokens, TestCancellation);
        await store.RemoveAsync(carol, TestCancellation);

        // Exact records: "not bob's first record" would also accept null, or alice's record read back for bob.
        Assert.Equal(aliceTokens, await store.GetAsync(alice, TestCancellation));
        Assert.Equal(bobNewerTokens, await store.GetAsync(bob, TestCancellation));
        Assert.Null(await store.GetAsync(carol, TestCancellation));
    }

    /// <summary>Concurrent saves for one user leave exactly one of the saved records, whole, never a mix of two.</summary>
    [Fact]
    public async Task Concurrent_saves_for_one_user_leave_one_whole_record()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        var candidates = Enumerable.Range(0, 16).Select(_ => NewTokens()).ToArray();

        await Task.WhenAll(candidates.Select(tokens => Task.Run(() => store.SaveAsync(userId, tokens, TestCancellation), TestCancellation)));

        var read = await store.GetAsync(userId, TestCancellation);
        Assert.Contains(read, candidates);
    }

    /// <summary>Concurrent saves for different users all land.</summary>
    [Fact]
    public async Task Concurrent_saves_for_different_users_all_land()
    {
        var store = await CreateStoreAsync();
        var saved = Enumerable.Range(0, 16).Select(_ => (UserId: NewUserId(), Tokens: NewTokens())).ToArray();

        await Task.WhenAll(saved.Select(entry => Task.Run(() => store.SaveAsync(entry.UserId, entry.Tokens, TestCancellation), TestCancellation)));

        foreach (var (userId, tokens) in saved)
        {
            Assert.Equal(tokens, await store.GetAsync(userId, TestCancellation));
        }
    }

    /// <summary>A cancelled save throws <see cref="OperationCanceledException"/> and stores nothing.</summary>
    [Fact]
    public async Task Cancelled_save_throws_and_stores_nothing()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.SaveAsync(userId, NewTokens(), new CancellationToken(canceled: true)));

        Assert.Null(await store.GetAsync(userId, TestCancellation));
    }

    /// <summary>A cancelled read throws <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public async Task Cancelled_get_throws()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        await store.SaveAsync(userId, NewTokens(), TestCancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(userId, new CancellationToken(canceled: true)));
    }

    /// <summary>A cancelled removal throws <see cref="OperationCanceledException"/> and keeps the record.</summary>
    [Fact]
    public async Task Cancelled_remove_throws_and_keeps_the_record()
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        var tokens = NewTokens();
        await store.SaveAsync(userId, tokens, TestCancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.RemoveAsync(userId, new CancellationToken(canceled: true)));

        Assert.Equal(tokens, await store.GetAsync(userId, TestCancellation));
    }

    private async Task RoundTripsConnectV2Async(bool sourcesConnected)
    {
        var store = await CreateStoreAsync();
        var userId = NewUserId();
        var tokens = HumanTokens.ForConnectV2(RandomHex(24), RandomHex(64), sourcesConnected);

        await store.SaveAsync(userId, tokens, TestCancellation);
        var read = await store.GetAsync(userId, TestCancellation);

        Assert.Equal(tokens, read);
        Assert.Equal(HumanConnectVersion.V2, read!.ConnectVersion);
        Assert.Equal(sourcesConnected, read.SourcesConnected);
        Assert.Empty(read.AccessToken);
        Assert.Null(read.PublicToken);
    }

    /// <summary>A fresh local user id, unique to the calling test.</summary>
    /// <returns>The id.</returns>
    protected static string NewUserId() => "user-" + RandomHex(12);

    /// <summary>Tokens shaped like Human API's: hex ids, a long access token with '='.</summary>
    /// <returns>The tokens.</returns>
    protected static HumanTokens NewTokens() =>
        new(RandomHex(24), RandomHex(220) + "=", RandomHex(32), RandomHex(64));

    private static string RandomHex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];
}
