using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>Hosts of their own for the meta checks, so what they deliberately break never reaches the suite's hosts.</summary>
public sealed class MetaHosts : IAsyncLifetime
{
    internal HostileHost Production { get; private set; } = null!;

    internal HostileHost Development { get; private set; } = null!;

    /// <summary>The Production host in Connect v2, where a sync reaches Human API.</summary>
    internal HostileHost ProductionV2 { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Production = await HostileHost.StartAsync("Production", sessionPool: 4, CancellationToken.None);
        Development = await HostileHost.StartAsync("Development", sessionPool: 4, CancellationToken.None);
        ProductionV2 = await HostileHost.StartAsync("Production", sessionPool: 0, CancellationToken.None, HumanConnectVersion.V2);
    }

    public async ValueTask DisposeAsync()
    {
        await Production.DisposeAsync();
        await Development.DisposeAsync();
        await ProductionV2.DisposeAsync();
    }
}

/// <summary>
/// Proof that each check can fail: the same runner, on requests that do what the hostile cases must not. A valid
/// request over the same raw path succeeds (so the hostile ones are refused for their abuse, not for a broken
/// cookie or token), and is caught calling Human API and writing the store; an exception is caught in the log, and
/// in Development in the body.
/// </summary>
public sealed class MetaChecks(MetaHosts hosts) : IClassFixture<MetaHosts>
{
    private static readonly Expectation Refusal = Expectation.Problem(400, "malformed_body");

    [Fact]
    public async Task A_valid_JSON_finish_over_the_raw_path_succeeds_and_is_caught_calling_Human_API_and_writing_the_store()
    {
        var report = await CaseRunner.ExecuteAsync(hosts.Production,
            new HostileCase("meta valid JSON", context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(context.ValidJson), Refusal));

        Assert.Equal(200, report.Outcome.Response?.Status);
        Assert.Contains(report.Violations, violation => violation.StartsWith("status 200", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation.StartsWith("called Human API: POST /sandbox/v1/connect/tokens", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation == "wrote the store: save alice");
    }

    [Fact]
    public async Task A_valid_jQuery_form_finish_succeeds()
    {
        var report = await CaseRunner.ExecuteAsync(hosts.Production, new HostileCase("meta valid form",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice)
                .Body(System.Text.Encoding.UTF8.GetBytes(context.ValidForm), "application/x-www-form-urlencoded; charset=UTF-8"),
            Refusal));

        Assert.Equal(200, report.Outcome.Response?.Status);
        Assert.Contains(report.Violations, violation => violation == "wrote the store: save alice");
    }

    [Fact]
    public async Task A_valid_public_token_request_succeeds_and_is_caught_calling_Human_API()
    {
        var report = await CaseRunner.ExecuteAsync(hosts.Production,
            new HostileCase("meta valid public-token", context => RequestBuilder.Post(PublicToken).SignedIn(context.Alice), Refusal));

        Assert.Equal(200, report.Outcome.Response?.Status);
        Assert.Contains(report.Violations, violation => violation.StartsWith("called Human API: POST /sandbox/v1/connect/publictokens", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_valid_disconnect_succeeds_and_is_caught_calling_Human_API_and_removing_the_record()
    {
        // On the Development host: the disconnect deletes alice there, and the Production host's checks need her.
        var report = await CaseRunner.ExecuteAsync(hosts.Development,
            new HostileCase("meta valid disconnect", context => RequestBuilder.Post(Disconnect).SignedIn(context.Alice), Refusal));

        Assert.Equal(200, report.Outcome.Response?.Status);
        Assert.Contains(report.Violations, violation => violation.StartsWith("called Human API: DELETE /sandbox/v1/apps/", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation == "wrote the store: remove alice");
    }

    [Fact]
    public async Task A_valid_sync_over_the_raw_path_gets_past_the_filters_in_Connect_v2_and_is_caught_calling_Human_API()
    {
        // So the sync cases are refused for their abuse, not because a sync over the raw path cannot get through.
        var report = await CaseRunner.ExecuteAsync(hosts.ProductionV2,
            new HostileCase("meta valid sync", context => RequestBuilder.Post(Sync).SignedIn(context.Alice), Refusal));

        Assert.Equal(200, report.Outcome.Response?.Status);
        Assert.Contains($"\"humanId\":\"{hosts.ProductionV2.Users.Seeded.Alice!.HumanId}\"", report.Outcome.Response!.BodyText, StringComparison.Ordinal);
        Assert.Contains(report.Violations, violation => violation.StartsWith("status 200", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation.StartsWith("called Human API: POST /sandbox/v1/connect/token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_the_legacy_flow_a_valid_sync_gets_past_the_filters_and_answers_version_mismatch_without_calling_Human_API()
    {
        // The signed-in and antiforgery filters run first: a valid sync reaches the version filter, whose 404 is all it gets.
        var report = await CaseRunner.ExecuteAsync(hosts.Production,
            new HostileCase("meta valid sync, legacy flow", context => RequestBuilder.Post(Sync).SignedIn(context.Alice),
                Expectation.Problem(404, "connect_version_mismatch")));

        report.AssertClean();
    }

    [Fact]
    public async Task A_valid_options_request_over_the_raw_path_succeeds()
    {
        // So the options cases are refused for their forged cookies, not because a GET over the raw path cannot work.
        var report = await CaseRunner.ExecuteAsync(hosts.Production,
            new HostileCase("meta valid options", context => RequestBuilder.Get(Options).CookiesOf(context.Alice), Expectation.Problem(401, "not_authenticated")));

        Assert.Equal(200, report.Outcome.Response?.Status);
        Assert.Contains("human-connect-options/1", report.Outcome.Response!.BodyText, StringComparison.Ordinal);
        Assert.Contains(report.Violations, violation => violation.StartsWith("status 200", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unhandled_exception_is_caught_in_the_log_for_its_case_and_for_the_host()
    {
        var report = await CaseRunner.ExecuteAsync(hosts.Production, Throwing());

        Assert.Equal(500, report.Outcome.Response?.Status);
        Assert.Contains(report.Violations, violation => violation.StartsWith("logged an unhandled exception", StringComparison.Ordinal));
        Assert.Contains(hosts.Production.Logs.GetSnapshot(), record => LogWatch.IsUnhandledException(record)
            && record.Exception?.Message == "Deliberate failure for the meta check.");
    }

    [Fact]
    public async Task In_Development_an_exception_reaches_the_body_and_the_stack_trace_check_sees_it()
    {
        var report = await CaseRunner.ExecuteAsync(hosts.Development, Throwing());

        Assert.Equal(500, report.Outcome.Response?.Status);
        Assert.Contains(report.Violations, violation => violation.StartsWith("the body holds", StringComparison.Ordinal));
        Assert.Contains(report.Violations, violation => violation.StartsWith("logged an unhandled exception", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_record_nobody_else_wrote_is_a_violation_and_one_another_case_wrote_is_left_to_that_case()
    {
        var before = new StoreSnapshot(new HumanTokens("h", "a", "p1", "c"), null);
        var after = before with { Alice = before.Alice! with { PublicToken = "p2" } };

        Assert.Single(CaseRunner.StoreChanges(_ => true, before, after));
        Assert.Empty(CaseRunner.StoreChanges(user => user != HostileUsers.Alice, before, after));
        Assert.Empty(CaseRunner.StoreChanges(_ => true, before, before));
    }

    private static HostileCase Throwing() =>
        new("meta throwing endpoint", _ => new RequestBuilder("GET", "/test/throw"), Expectation.Problem(500, "none"));
}
