using System.Collections.Concurrent;
using System.Reflection;
using HumanConnect.AspNetCore.Testing;
using Xunit.Sdk;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>
/// The specification kit can fail: each of its tests that guards a rule is run against a store that breaks that rule,
/// and must throw an xunit assertion failure. A correct store passes every one, which shows the failures come from the
/// broken behaviour and not from the harness.
/// </summary>
public sealed class SpecificationKitMetaTests
{
    public static TheoryData<string, string> BrokenStoresAndTheTestsThatCatchThem() => new()
    {
        { nameof(IgnoresCancellation), nameof(HumanTokenStoreSpecification.Cancelled_save_throws_and_stores_nothing) },
        { nameof(IgnoresCancellation), nameof(HumanTokenStoreSpecification.Cancelled_get_throws) },
        { nameof(IgnoresCancellation), nameof(HumanTokenStoreSpecification.Cancelled_remove_throws_and_keeps_the_record) },
        { nameof(OneSlotForEveryone), nameof(HumanTokenStoreSpecification.Users_are_isolated_from_each_other) },
        { nameof(OneSlotForEveryone), nameof(HumanTokenStoreSpecification.Concurrent_saves_for_different_users_all_land) },
        { nameof(NeverOverwrites), nameof(HumanTokenStoreSpecification.Save_overwrites_the_earlier_record) },
        { nameof(NeverOverwrites), nameof(HumanTokenStoreSpecification.Users_are_isolated_from_each_other) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Save_then_get_round_trips_every_field) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Save_then_get_keeps_a_missing_public_token_missing) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Save_then_get_round_trips_long_tokens_and_unusual_user_ids) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Save_overwrites_the_earlier_record) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Users_are_isolated_from_each_other) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Concurrent_saves_for_one_user_leave_one_whole_record) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Concurrent_saves_for_different_users_all_land) },
        { nameof(AlwaysNull), nameof(HumanTokenStoreSpecification.Cancelled_remove_throws_and_keeps_the_record) },

        // Caught only because the isolation test names bob's exact record: "not his first one" accepted null.
        { nameof(OverwriteDeletes), nameof(HumanTokenStoreSpecification.Users_are_isolated_from_each_other) },
        { nameof(OverwriteDeletes), nameof(HumanTokenStoreSpecification.Save_overwrites_the_earlier_record) },

        // A store written before Connect v2 that keeps only the four legacy fields.
        { nameof(LegacyColumnsOnly), nameof(HumanTokenStoreSpecification.Save_then_get_round_trips_a_connect_v2_record_with_sources_connected) },
        { nameof(LegacyColumnsOnly), nameof(HumanTokenStoreSpecification.Save_then_get_round_trips_a_connect_v2_record_without_sources) },
        { nameof(LegacyColumnsOnly), nameof(HumanTokenStoreSpecification.Save_replaces_a_connect_v2_record_with_a_legacy_one_and_back) },
    };

    public static TheoryData<string> EveryKitTest() => [.. KitTests().Select(test => test.Name)];

    [Theory]
    [MemberData(nameof(BrokenStoresAndTheTestsThatCatchThem))]
    public async Task The_kit_fails_a_store_that_breaks_the_rule(string store, string test)
    {
        var kit = new Kit(Create(store));

        await Assert.ThrowsAnyAsync<XunitException>(() => Run(kit, test));
    }

    [Theory]
    [MemberData(nameof(EveryKitTest))]
    public async Task The_kit_passes_a_correct_store(string test) =>
        await Run(new Kit(new Correct()), test);

    [Fact]
    public void Every_kit_test_is_covered_by_the_control()
    {
        // A new kit test joins the control run automatically; this pins that there are tests to run at all.
        Assert.True(KitTests().Count() >= 13, "the kit lost tests");
    }

    private static IEnumerable<MethodInfo> KitTests() =>
        typeof(HumanTokenStoreSpecification).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(method => method.IsDefined(typeof(FactAttribute), inherit: true));

    private static Task Run(HumanTokenStoreSpecification kit, string test) =>
        (Task)typeof(HumanTokenStoreSpecification).GetMethod(test, BindingFlags.Public | BindingFlags.Instance)!.Invoke(kit, null)!;

    private static IHumanTokenStore Create(string name) => name switch
    {
        nameof(IgnoresCancellation) => new IgnoresCancellation(),
        nameof(OneSlotForEveryone) => new OneSlotForEveryone(),
        nameof(NeverOverwrites) => new NeverOverwrites(),
        nameof(AlwaysNull) => new AlwaysNull(),
        nameof(OverwriteDeletes) => new OverwriteDeletes(),
        nameof(LegacyColumnsOnly) => new LegacyColumnsOnly(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The kit over a given store. Private, so xunit never discovers it as a test class of its own.</summary>
    private sealed class Kit(IHumanTokenStore store) : HumanTokenStoreSpecification
    {
        protected override Task<IHumanTokenStore> CreateStoreAsync() => Task.FromResult(store);
    }

    /// <summary>What every store should be; the broken ones below each change one thing.</summary>
    private class Correct : IHumanTokenStore
    {
        protected ConcurrentDictionary<string, HumanTokens> Records { get; } = new(StringComparer.Ordinal);

        public virtual Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult(Records.GetValueOrDefault(localUserId));
        }

        public virtual Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Records[localUserId] = tokens;
            return Task.CompletedTask;
        }

        public virtual Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Records.TryRemove(localUserId, out _);
            return Task.CompletedTask;
        }
    }

    private sealed class IgnoresCancellation : Correct
    {
        public override Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken) =>
            base.GetAsync(localUserId, CancellationToken.None);

        public override Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken) =>
            base.SaveAsync(localUserId, tokens, CancellationToken.None);

        public override Task RemoveAsync(string localUserId, CancellationToken cancellationToken) =>
            base.RemoveAsync(localUserId, CancellationToken.None);
    }

    private sealed class OneSlotForEveryone : Correct
    {
        private const string Slot = "everyone";

        public override Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken) =>
            base.GetAsync(Slot, cancellationToken);

        public override Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken) =>
            base.SaveAsync(Slot, tokens, cancellationToken);

        public override Task RemoveAsync(string localUserId, CancellationToken cancellationToken) =>
            base.RemoveAsync(Slot, cancellationToken);
    }

    private sealed class NeverOverwrites : Correct
    {
        public override Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Records.TryAdd(localUserId, tokens);
            return Task.CompletedTask;
        }
    }

    private sealed class AlwaysNull : Correct
    {
        public override Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return Task.FromResult<HumanTokens?>(null);
        }
    }

    /// <summary>Saving over an existing record deletes it: the user reads back nothing, while everyone else is fine.</summary>
    private sealed class OverwriteDeletes : Correct
    {
        public override Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!Records.TryAdd(localUserId, tokens))
            {
                Records.TryRemove(localUserId, out _);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Keeps what a store of an earlier release knew: the version and the connection state are dropped.</summary>
    private sealed class LegacyColumnsOnly : Correct
    {
        public override Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken) =>
            base.SaveAsync(localUserId, new HumanTokens(tokens.HumanId, tokens.AccessToken, tokens.PublicToken, tokens.ClientUserId), cancellationToken);
    }
}
