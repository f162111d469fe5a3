using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// xunit runs collections that disable parallelization after every parallel one has finished: this one runs once
/// every case is done, and checks the hosts as a whole. Each case already checked its own share; this also catches
/// what no case could be blamed for.
/// </summary>
[CollectionDefinition(nameof(SuiteEpilogue), DisableParallelization = true)]
public sealed class SuiteEpilogueDefinition;

[Collection(nameof(SuiteEpilogue))]
public sealed class SuiteEpilogue(HostileHosts hosts)
{
    private IEnumerable<HostileHost> Hosts => [hosts.Production, hosts.Development];

    [Fact]
    public void Every_case_ran_to_its_end_on_both_hosts()
    {
        foreach (var host in Hosts)
        {
            var runs = CaseRunner.RunsOn(host);
            Assert.True(runs.Count == AllCases.Book.All.Count && runs.All(run => run.IsCompleted),
                $"{host.EnvironmentName}: {runs.Count(run => run.IsCompleted)} of {AllCases.Book.All.Count} cases finished " +
                $"({runs.Count} started). The epilogue ran before the cases, or a filter left some out.");
        }
    }

    [Fact]
    public void Nothing_but_seeding_called_Human_API()
    {
        foreach (var host in Hosts)
        {
            var extra = host.Ledger.UpstreamCalls.Skip(host.Users.SeedingUpstreamCalls).ToList();
            Assert.True(extra.Count == 0, $"{host.EnvironmentName}: {extra.Count} calls to Human API after seeding:{Environment.NewLine}" +
                string.Join(Environment.NewLine, extra.Select(call => $"{call.What} for {CaseRunner.NameOf(call.CaseId)}")));
        }
    }

    [Fact]
    public async Task The_store_still_holds_what_was_seeded()
    {
        foreach (var host in Hosts)
        {
            var now = await host.SnapshotAsync();
            var writes = host.Ledger.StoreWrites.Skip(host.Users.SeedingStoreWrites).Select(write => $"{write.What} for {CaseRunner.NameOf(write.CaseId)}");
            Assert.True(now == host.Users.Seeded,
                $"{host.EnvironmentName}: seeded {host.Users.Seeded}, now {now}; writes after seeding:{Environment.NewLine}{string.Join(Environment.NewLine, writes)}");
        }
    }

    [Fact]
    public void The_logs_hold_no_unhandled_exception()
    {
        foreach (var host in Hosts)
        {
            var unhandled = host.Logs.GetSnapshot().Where(LogWatch.IsUnhandledException).Select(LogWatch.Describe).ToList();
            Assert.True(unhandled.Count == 0, $"{host.EnvironmentName}: {unhandled.Count} unhandled exceptions logged:{Environment.NewLine}" +
                string.Join(Environment.NewLine, unhandled.Distinct().Take(40)));
        }
    }
}
