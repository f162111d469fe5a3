namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// The behaviour every <see cref="IHumanConnectCoordinator"/> must have, shared as source by the projects that test
/// one: the in-process default (on a fake clock) and the Redis one (on a real redis-server). Each test uses fresh
/// random keys, so a backing store may be shared between tests.
/// </summary>
public abstract class CoordinatorSpecification
{
    /// <summary>The coordinator under test.</summary>
    protected abstract IHumanConnectCoordinator Coordinator { get; }

    /// <summary>Returns once an entry created with <paramref name="timeToLive"/> has expired: the clock advanced, or the server dropped it.</summary>
    protected abstract Task WaitUntilExpiredAsync(string key, TimeSpan timeToLive);

    /// <summary>A time-to-live the backing store can let pass quickly.</summary>
    protected virtual TimeSpan ShortTimeToLive => TimeSpan.FromMilliseconds(200);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_acquire_creates_the_entry_and_later_ones_see_its_value()
    {
        var key = NewKey();

        var first = await Coordinator.TryAcquireAsync(key, "owner-1", TimeSpan.FromMinutes(1), Cancellation);
        var second = await Coordinator.TryAcquireAsync(key, "owner-2", TimeSpan.FromMinutes(1), Cancellation);

        Assert.Null(first);
        Assert.Equal("owner-1", second);
    }

    [Fact]
    public async Task Concurrent_acquires_of_one_key_let_exactly_one_through()
    {
        var key = NewKey();

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            Task.Run(() => Coordinator.TryAcquireAsync(key, $"owner-{i}", TimeSpan.FromMinutes(1), Cancellation), Cancellation)));

        var winner = Assert.Single(Enumerable.Range(0, 32), i => results[i] is null);
        Assert.All(results.Where(result => result is not null), result => Assert.Equal($"owner-{winner}", result));
    }

    [Fact]
    public async Task Keys_are_independent()
    {
        var (first, second) = (NewKey(), NewKey());

        Assert.Null(await Coordinator.TryAcquireAsync(first, "owner-1", TimeSpan.FromMinutes(1), Cancellation));
        Assert.Null(await Coordinator.TryAcquireAsync(second, "owner-2", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task Release_by_the_owner_frees_the_key()
    {
        var key = NewKey();
        await Coordinator.TryAcquireAsync(key, "owner-1", TimeSpan.FromMinutes(1), Cancellation);

        await Coordinator.ReleaseAsync(key, "owner-1", Cancellation);

        Assert.Null(await Coordinator.TryAcquireAsync(key, "owner-2", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task Release_by_anyone_else_leaves_the_entry_alone()
    {
        var key = NewKey();
        await Coordinator.TryAcquireAsync(key, "owner-1", TimeSpan.FromMinutes(1), Cancellation);

        await Coordinator.ReleaseAsync(key, "owner-2", Cancellation);

        Assert.Equal("owner-1", await Coordinator.TryAcquireAsync(key, "owner-3", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task Releasing_a_key_that_is_gone_is_not_an_error()
    {
        await Coordinator.ReleaseAsync(NewKey(), "owner-1", Cancellation);
    }

    [Fact]
    public async Task An_expired_entry_can_be_acquired_again_and_its_old_owner_can_no_longer_release_or_replace_it()
    {
        var key = NewKey();
        await Coordinator.TryAcquireAsync(key, "owner-1", ShortTimeToLive, Cancellation);

        await WaitUntilExpiredAsync(key, ShortTimeToLive);
        var again = await Coordinator.TryAcquireAsync(key, "owner-2", TimeSpan.FromMinutes(1), Cancellation);
        await Coordinator.ReleaseAsync(key, "owner-1", Cancellation);
        var replacedByTheOldOwner = await Coordinator.TryReplaceAsync(key, "owner-1", "done", TimeSpan.FromMinutes(1), Cancellation);

        Assert.Null(again);
        Assert.False(replacedByTheOldOwner);
        Assert.Equal("owner-2", await Coordinator.TryAcquireAsync(key, "owner-3", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task Replace_changes_the_value_only_for_the_expected_one()
    {
        var key = NewKey();
        await Coordinator.TryAcquireAsync(key, "owner-1", TimeSpan.FromMinutes(1), Cancellation);

        var wrong = await Coordinator.TryReplaceAsync(key, "owner-2", "stolen", TimeSpan.FromMinutes(1), Cancellation);
        var right = await Coordinator.TryReplaceAsync(key, "owner-1", "done", TimeSpan.FromMinutes(1), Cancellation);

        Assert.False(wrong);
        Assert.True(right);
        Assert.Equal("done", await Coordinator.TryAcquireAsync(key, "owner-3", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task Replace_of_a_key_that_is_gone_creates_nothing()
    {
        var key = NewKey();

        var replaced = await Coordinator.TryReplaceAsync(key, "owner-1", "done", TimeSpan.FromMinutes(1), Cancellation);

        Assert.False(replaced);
        Assert.Null(await Coordinator.TryAcquireAsync(key, "owner-2", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task Replace_gives_the_entry_its_new_time_to_live()
    {
        var key = NewKey();
        await Coordinator.TryAcquireAsync(key, "owner-1", TimeSpan.FromMinutes(1), Cancellation);

        await Coordinator.TryReplaceAsync(key, "owner-1", "done", ShortTimeToLive, Cancellation);
        await WaitUntilExpiredAsync(key, ShortTimeToLive);

        Assert.Null(await Coordinator.TryAcquireAsync(key, "owner-2", TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public async Task A_cancelled_acquire_throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Coordinator.TryAcquireAsync(NewKey(), "owner-1", TimeSpan.FromMinutes(1), cancelled.Token));
    }

    /// <summary>A key shaped like the library's, unique to the test.</summary>
    protected static string NewKey() => "HumanConnect:test:" + Guid.NewGuid().ToString("N");
}
