using System.Collections.Concurrent;
using System.Net;
using HumanConnect.AspNetCore.Coordination;
using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumanConnect.AspNetCore.Tests.Coordination;

/// <summary>
/// Refreshes of one user's publicToken are serialised by the user's lock: the stored publicToken is the last one Human
/// API issued, a refresh that waited answers the one issued meanwhile, and a lock that stays held answers 409.
/// </summary>
public sealed class ConcurrentPublicTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_parallel_refreshes_that_wait_for_the_first_share_its_publicToken_and_call_Human_API_once()
    {
        const int parallel = 20;
        var coordinator = new RecordingCoordinator();
        await using var app = await TestApp.StartAsync(services: services => services.Replace(ServiceDescriptor.Singleton<IHumanConnectCoordinator>(coordinator)));
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        app.Upstream.ExpectPublicTokens(async (request, ct) =>
        {
            // Held until every other refresh has read the record and is waiting for the lock (its second attempt).
            await coordinator.WaitForWaitersAsync(UserLocks.KeyFor(TestData.Alice), parallel - 1, ct);
            return await UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken })(request, ct);
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => app.PublicTokenAsync()));

        var answers = await Task.WhenAll(responses.Select(response => response.AssertOkJsonAsync()));
        Assert.All(answers, answer => Assert.Equal(TestData.NewPublicToken, answer.GetProperty("publicToken").GetString()));
        Assert.Single(app.Upstream.Requests);
        Assert.Equal(parallel - 1, app.Logs.GetSnapshot().Count(record => record.Id.Name == "PublicTokenCoalesced"));
        Assert.Equal(TestData.NewPublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_refresh_that_finds_the_users_lock_held_past_the_wait_is_409_concurrent_request_and_changes_nothing()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        var coordinator = app.Services.GetRequiredService<IHumanConnectCoordinator>();
        // Another instance's request, say, that holds alice's lock and does not let go.
        Assert.Null(await coordinator.TryAcquireAsync(UserLocks.KeyFor(TestData.Alice), "elsewhere", TimeSpan.FromMinutes(1), Ct));

        using var refresh = await app.PublicTokenAsync();
        using var finish = await app.FinishAsync(TestData.SessionTokenObject());
        await coordinator.ReleaseAsync(UserLocks.KeyFor(TestData.Alice), "elsewhere", Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));
        using var afterRelease = await app.PublicTokenAsync();

        await refresh.AssertProblemAsync(HttpStatusCode.Conflict, HumanConnectErrorCodes.ConcurrentRequest);
        await finish.AssertProblemAsync(HttpStatusCode.Conflict, HumanConnectErrorCodes.ConcurrentRequest);
        Assert.Equal(2, app.Logs.GetSnapshot().Count(record => record.Id.Name == "UserLockTimedOut"));
        await afterRelease.AssertOkJsonAsync();
        Assert.Equal(TestData.NewPublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_refresh_never_waits_on_another_users_lock()
    {
        await using var app = await TestApp.StartAsync(options: o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);
        var coordinator = app.Services.GetRequiredService<IHumanConnectCoordinator>();
        Assert.Null(await coordinator.TryAcquireAsync(UserLocks.KeyFor(TestData.Bob), "elsewhere", TimeSpan.FromMinutes(1), Ct));
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        using var alice = await app.PublicTokenAsync();

        await alice.AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_failing_coordinator_answers_503_store_unavailable_on_both_endpoints_without_calling_Human_API_or_the_store()
    {
        var backend = new HostTokenStoreBackend();
        backend.Records[TestData.Alice] = TestData.StoredTokens();
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>().AddCoordinator<UnavailableCoordinator>(),
            services: services => services.AddSingleton(backend));

        using var finish = await app.FinishAsync(TestData.SessionTokenObject());
        using var refresh = await app.PublicTokenAsync();

        await finish.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        await refresh.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        Assert.Empty(backend.Calls);
        Assert.Equal(TestData.StoredTokens(), backend.Records[TestData.Alice]);
        var failures = app.Logs.GetSnapshot().Where(record => record.Id.Name == "CoordinatorFailed").ToList();
        Assert.Equal(2, failures.Count);
        // By type only: the exception's message quotes the key it was given.
        Assert.All(failures, record => Assert.DoesNotContain(UnavailableCoordinator.Detail, SecretScan.Describe(record), StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_coordinator_is_given_hashed_keys_and_values_that_name_neither_the_user_nor_the_session_token()
    {
        var coordinator = new RecordingCoordinator();
        await using var app = await TestApp.StartAsync(services: services => services.Replace(ServiceDescriptor.Singleton<IHumanConnectCoordinator>(coordinator)));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new { humanId = TestData.HumanId, publicToken = TestData.NewPublicToken }));

        await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();
        await (await app.PublicTokenAsync()).AssertOkJsonAsync();

        Assert.NotEmpty(coordinator.Seen);
        Assert.All(coordinator.Seen, text =>
        {
            Assert.DoesNotContain(TestData.Alice, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestData.SessionToken, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(TestData.HumanId, text, StringComparison.OrdinalIgnoreCase);
        });
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>The in-process coordinator, recording every key and value, and which owners failed to take a lock, how often.</summary>
    private sealed class RecordingCoordinator : IHumanConnectCoordinator
    {
        private readonly InProcessHumanConnectCoordinator _inner = new(TimeProvider.System);
        private readonly ConcurrentDictionary<(string Key, string Owner), int> _refused = new();

        public ConcurrentQueue<string> Seen { get; } = new();

        /// <summary>Returns once <paramref name="waiters"/> distinct owners have been refused <paramref name="key"/> at least twice.</summary>
        public async Task WaitForWaitersAsync(string key, int waiters, CancellationToken cancellationToken)
        {
            while (_refused.Count(pair => pair.Key.Key == key && pair.Value >= 2) < waiters)
            {
                await Task.Delay(5, cancellationToken);
            }
        }

        public async Task<string?> TryAcquireAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken)
        {
            Seen.Enqueue($"{key} {value}");
            var held = await _inner.TryAcquireAsync(key, value, timeToLive, cancellationToken);
            if (held is not null)
            {
                _refused.AddOrUpdate((key, value), 1, (_, count) => count + 1);
            }

            return held;
        }

        public Task<bool> TryReplaceAsync(string key, string expectedValue, string newValue, TimeSpan timeToLive, CancellationToken cancellationToken)
        {
            Seen.Enqueue($"{key} {expectedValue} {newValue}");
            return _inner.TryReplaceAsync(key, expectedValue, newValue, timeToLive, cancellationToken);
        }

        public Task ReleaseAsync(string key, string value, CancellationToken cancellationToken)
        {
            Seen.Enqueue($"{key} {value}");
            return _inner.ReleaseAsync(key, value, cancellationToken);
        }
    }

    /// <summary>A coordinator whose backing store is down, with a message that quotes what it was given, as some do.</summary>
    private sealed class UnavailableCoordinator : IHumanConnectCoordinator
    {
        public const string Detail = "COORDINATOR-DETAIL-3b1c";

        public Task<string?> TryAcquireAsync(string key, string value, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            throw new TimeoutException($"{Detail} timed out on {key}");

        public Task<bool> TryReplaceAsync(string key, string expectedValue, string newValue, TimeSpan timeToLive, CancellationToken cancellationToken) =>
            throw new TimeoutException($"{Detail} timed out on {key}");

        public Task ReleaseAsync(string key, string value, CancellationToken cancellationToken) =>
            throw new TimeoutException($"{Detail} timed out on {key}");
    }
}
