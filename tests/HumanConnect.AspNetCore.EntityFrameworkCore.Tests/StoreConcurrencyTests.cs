using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

/// <summary>
/// Writers in separate scopes, each with its own context and connection, as separate requests or app instances
/// are: the version column, not the store's in-scope lock, must keep every save whole and counted.
/// </summary>
public abstract class StoreConcurrencyTests(TestDatabase database)
{
    private const int Writers = 16;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writers_in_separate_scopes_saving_one_new_user_leave_one_whole_record_and_count_every_save()
    {
        await using var host = database.BuildHost();
        var userId = Fresh.UserId();
        var candidates = Enumerable.Range(0, Writers).Select(_ => Fresh.Tokens()).ToArray();

        // All start on an absent row: the first insert wins, the others meet the key and update it instead.
        await Task.WhenAll(candidates.Select(tokens => Task.Run(() => SaveInOwnScopeAsync(host, userId, tokens), Cancellation)));

        Assert.Contains(await GetInOwnScopeAsync(host, userId), candidates);
        Assert.Equal(Writers, await TestDatabase.ReadVersionAsync(host, userId));
    }

    [Fact]
    public async Task Saves_and_removals_racing_leave_a_whole_record_or_none()
    {
        await using var host = database.BuildHost();
        var userId = Fresh.UserId();
        var candidates = Enumerable.Range(0, Writers).Select(_ => Fresh.Tokens()).ToArray();

        await Task.WhenAll(candidates.Select((tokens, i) => Task.Run(
            () => i % 2 == 0 ? SaveInOwnScopeAsync(host, userId, tokens) : RemoveInOwnScopeAsync(host, userId), Cancellation)));

        var read = await GetInOwnScopeAsync(host, userId);
        Assert.True(read is null || candidates.Contains(read), "the record is a mix of saves, or one that was never saved");
    }

    [Fact]
    public async Task A_save_whose_row_changed_after_it_was_read_reads_again_and_wins()
    {
        var interleave = new InterleavingWriter();
        await using var host = database.BuildHost(options => options.AddInterceptors(interleave));
        var (userId, first, competing, mine) = (Fresh.UserId(), Fresh.Tokens(), Fresh.Tokens(), Fresh.Tokens());
        await SaveInOwnScopeAsync(host, userId, first);
        interleave.Arm(times: 1, () => SaveInOwnScopeAsync(host, userId, competing));

        await SaveInOwnScopeAsync(host, userId, mine);

        Assert.Equal(1, interleave.Interleaved);
        Assert.Equal(mine, await GetInOwnScopeAsync(host, userId));
        Assert.Equal(3L, await TestDatabase.ReadVersionAsync(host, userId));
    }

    [Fact]
    public async Task A_first_save_that_meets_a_row_inserted_meanwhile_updates_it()
    {
        var interleave = new InterleavingWriter();
        await using var host = database.BuildHost(options => options.AddInterceptors(interleave));
        var (userId, competing, mine) = (Fresh.UserId(), Fresh.Tokens(), Fresh.Tokens());
        interleave.Arm(times: 1, () => SaveInOwnScopeAsync(host, userId, competing));

        await SaveInOwnScopeAsync(host, userId, mine);

        Assert.Equal(1, interleave.Interleaved);
        Assert.Equal(mine, await GetInOwnScopeAsync(host, userId));
        Assert.Equal(2L, await TestDatabase.ReadVersionAsync(host, userId));
    }

    [Fact]
    public async Task A_first_save_refused_by_a_row_that_is_removed_again_inserts_afresh()
    {
        var interleave = new InterleavingWriter();
        await using var host = database.BuildHost(options => options.AddInterceptors(interleave));
        var (userId, competing, mine) = (Fresh.UserId(), Fresh.Tokens(), Fresh.Tokens());
        interleave.Arm(times: 1, () => SaveInOwnScopeAsync(host, userId, competing), afterFailure: () => RemoveInOwnScopeAsync(host, userId));

        await SaveInOwnScopeAsync(host, userId, mine);

        Assert.Equal(mine, await GetInOwnScopeAsync(host, userId));
        Assert.Equal(1L, await TestDatabase.ReadVersionAsync(host, userId));
    }

    [Fact]
    public async Task A_save_that_always_loses_gives_up_after_32_attempts_with_an_exception_that_names_no_token()
    {
        var interleave = new InterleavingWriter();
        await using var host = database.BuildHost(options => options.AddInterceptors(interleave));
        var (userId, mine) = (Fresh.UserId(), Fresh.Tokens());
        await SaveInOwnScopeAsync(host, userId, Fresh.Tokens());
        interleave.Arm(times: int.MaxValue, () => SaveInOwnScopeAsync(host, userId, Fresh.Tokens()));

        var failure = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => SaveInOwnScopeAsync(host, userId, mine));

        Assert.Equal(32, interleave.Interleaved);
        Assert.DoesNotContain(mine.AccessToken, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(userId, failure.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(mine, await GetInOwnScopeAsync(host, userId));
    }

    private static async Task SaveInOwnScopeAsync(IServiceProvider host, string userId, HumanTokens tokens)
    {
        await using var scope = host.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().SaveAsync(userId, tokens, Cancellation);
    }

    private static async Task RemoveInOwnScopeAsync(IServiceProvider host, string userId)
    {
        await using var scope = host.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().RemoveAsync(userId, Cancellation);
    }

    private static async Task<HumanTokens?> GetInOwnScopeAsync(IServiceProvider host, string userId)
    {
        await using var scope = host.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(userId, Cancellation);
    }
}
