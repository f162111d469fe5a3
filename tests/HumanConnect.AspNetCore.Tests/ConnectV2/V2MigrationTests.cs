using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// <see cref="IHumanConnectMigration"/>: a legacy user is asked for by the exact legacy clientUserId; success keeps the
/// humanId and drops the legacy tokens, a refusal leaves the record for a v2 session. Safe twice, safe halfway.
/// </summary>
public sealed class V2MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HumanConnectMigrationResult> MigrateAsync(TestApp app, string user = TestData.Alice)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IHumanConnectMigration>().MigrateAsync(user, Ct);
    }

    [Fact]
    public async Task A_legacy_user_Human_API_knows_is_migrated_keeping_the_humanId_and_the_exact_clientUserId()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord("Alice's id, as the old app sent it") };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Access());

        var result = await MigrateAsync(app);

        Assert.Equal(new HumanConnectMigrationResult(HumanConnectMigrationStatus.Migrated), result);
        var sent = Assert.Single(app.Upstream.TokenRequests());
        Assert.Equal("access", sent.GetProperty("type").GetString());
        Assert.Equal("Alice's id, as the old app sent it", sent.GetProperty("client_user_id").GetString());
        var migrated = store[TestData.Alice]!;
        Assert.Equal(HumanTokens.ForConnectV2(TestData.HumanId, "Alice's id, as the old app sent it", sourcesConnected: true), migrated);
        Assert.Empty(migrated.AccessToken);
        Assert.Null(migrated.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_access_token_the_migration_was_given_serves_the_first_data_read()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Access());

        await MigrateAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var read = await scope.ServiceProvider.GetRequiredService<Flow.IHumanAccessTokenSource>().GetAsync(TestData.Alice, Ct);

        Assert.Equal(V2.AccessToken, read.AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_legacy_user_Human_API_refuses_needs_a_session_and_keeps_the_record()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound));

        var result = await MigrateAsync(app);

        Assert.Equal(HumanConnectMigrationStatus.NeedsSession, result.Status);
        Assert.Equal(V2.LegacyRecord(), store[TestData.Alice]);

        // The next page view starts that session, which must name the stored humanId.
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound)).ExpectToken(V2.Session());
        var (output, _) = await V2.RenderAsync(app, TestData.Alice);
        Assert.Equal(V2.SessionToken, output.Attributes["data-hapi-token"].Value);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Running_it_twice_changes_nothing_the_second_time_and_calls_nothing()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Access());

        var first = await MigrateAsync(app);
        var migrated = store[TestData.Alice];
        var second = await MigrateAsync(app);

        Assert.Equal(HumanConnectMigrationStatus.Migrated, first.Status);
        Assert.Equal(HumanConnectMigrationStatus.AlreadyMigrated, second.Status);
        Assert.Equal(migrated, store[TestData.Alice]);
        Assert.Single(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Stopped_halfway_by_a_store_failure_a_second_run_finishes_the_job()
    {
        var store = new FailAfterWritesStore(allowedWrites: 1)
        {
            Records = { [TestData.Alice] = V2.LegacyRecord("alice-legacy"), [TestData.Bob] = V2.LegacyRecord("bob-legacy") },
        };
        await using var app = await V2.StartAsync(humanConnect: b => b.AddTokenStore(_ => store, ServiceLifetime.Singleton));
        app.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Access(V2.OtherAccessToken));

        var firstRun = new[] { await MigrateAsync(app, TestData.Alice), await MigrateAsync(app, TestData.Bob) };

        Assert.Equal(HumanConnectMigrationStatus.Migrated, firstRun[0].Status);
        Assert.Equal(new HumanConnectMigrationResult(HumanConnectMigrationStatus.Failed, HumanConnectErrorCodes.StoreUnavailable), firstRun[1]);
        Assert.Equal(HumanConnectVersion.V2, store.Records[TestData.Alice].ConnectVersion);
        Assert.Equal(V2.LegacyRecord("bob-legacy"), store.Records[TestData.Bob]);

        store.AllowedWrites = int.MaxValue;
        app.Upstream.ExpectToken(V2.Access());
        var secondRun = new[] { await MigrateAsync(app, TestData.Alice), await MigrateAsync(app, TestData.Bob) };

        Assert.Equal([HumanConnectMigrationStatus.AlreadyMigrated, HumanConnectMigrationStatus.Migrated], secondRun.Select(r => r.Status));
        Assert.Equal(HumanTokens.ForConnectV2(TestData.HumanId, "bob-legacy", sourcesConnected: true), store.Records[TestData.Bob]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError, HumanConnectErrorCodes.UpstreamUnavailable)]
    [InlineData(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.UpstreamRejected)]
    public async Task Human_API_failing_changes_nothing(HttpStatusCode status, string errorCode)
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(status));

        var result = await MigrateAsync(app);

        Assert.Equal(new HumanConnectMigrationResult(HumanConnectMigrationStatus.Failed, errorCode), result);
        Assert.Equal(V2.LegacyRecord(), store[TestData.Alice]);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "ConnectMigrationFailed");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_user_with_nothing_stored_is_reported_and_nothing_is_called()
    {
        await using var app = await V2.StartAsync(new RecordingTokenStore());

        Assert.Equal(HumanConnectMigrationStatus.NotStored, (await MigrateAsync(app)).Status);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task It_works_while_the_app_still_runs_the_legacy_flow()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await TestApp.StartAsync(
            o => o.ConnectTokenEndpoint = V2.TokenEndpoint,
            humanConnect: b => b.AddTokenStore(_ => store, ServiceLifetime.Singleton));
        app.SecretValues.Add(V2.AccessToken);
        app.Upstream.ExpectToken(V2.Access());

        Assert.Equal(HumanConnectMigrationStatus.Migrated, (await MigrateAsync(app)).Status);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>A store that accepts a number of writes, then fails every one: a migration stopped halfway.</summary>
    private sealed class FailAfterWritesStore(int allowedWrites) : IHumanTokenStore
    {
        public Dictionary<string, HumanTokens> Records { get; } = new(StringComparer.Ordinal);

        public int AllowedWrites { get; set; } = allowedWrites;

        public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken) =>
            Task.FromResult(Records.GetValueOrDefault(localUserId));

        public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
        {
            if (AllowedWrites-- <= 0)
            {
                throw new IOException("The database went away.");
            }

            Records[localUserId] = tokens;
            return Task.CompletedTask;
        }

        public Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
        {
            Records.Remove(localUserId);
            return Task.CompletedTask;
        }
    }
}
