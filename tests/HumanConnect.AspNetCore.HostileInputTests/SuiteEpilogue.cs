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
    private IEnumerable<HostileHost> Hosts => hosts.All.Select(entry => entry.Host);

    [Fact]
    public void Every_case_ran_to_its_end_on_every_host() => AssertForEachHost(host =>
    {
        var runs = CaseRunner.RunsOn(host);
        var expected = hosts.All.Single(entry => entry.Host == host).Book.All.Count;
        return runs.Count == expected && runs.All(run => run.IsCompleted)
            ? null
            : $"{runs.Count(run => run.IsCompleted)} of {expected} cases finished ({runs.Count} started): " +
              "the epilogue ran before the cases, or a filter left some out.";
    });

    [Fact]
    public void Nothing_but_seeding_called_Human_API() => AssertForEachHost(host =>
    {
        var extra = host.Ledger.UpstreamCalls.Skip(host.Users.SeedingUpstreamCalls).ToList();
        return extra.Count == 0
            ? null
            : $"{extra.Count} calls to Human API after seeding:" + Lines(extra.Select(call => $"{call.What} for {CaseRunner.NameOf(call.CaseId)}"));
    });

    [Fact]
    public async Task The_store_still_holds_what_was_seeded()
    {
        var now = new Dictionary<HostileHost, StoreSnapshot>();
        foreach (var host in Hosts)
        {
            now[host] = await host.SnapshotAsync();
        }

        AssertForEachHost(host => now[host] == host.Users.Seeded
            ? null
            : $"seeded {host.Users.Seeded}, now {now[host]}; writes after seeding:" +
              Lines(host.Ledger.StoreWrites.Skip(host.Users.SeedingStoreWrites).Select(write => $"{write.What} for {CaseRunner.NameOf(write.CaseId)}")));
    }

    [Fact]
    public void The_logs_hold_no_unhandled_exception() => AssertForEachHost(host =>
    {
        var unhandled = host.Logs.GetSnapshot().Where(LogWatch.IsUnhandledException).ToList();
        // Grouped by what went wrong: the same exception on fifty connections is one line with a count.
        var kinds = unhandled
            .GroupBy(record => $"[{record.Level}] {record.Category}: {record.Exception!.GetType().FullName}: {record.Exception.Message}", StringComparer.Ordinal)
            .Select(group => $"{group.Count()} x {group.Key}");
        return unhandled.Count == 0 ? null : $"{unhandled.Count} unhandled exceptions logged:" + Lines(kinds);
    });

    /// <summary>Checks every host and reports all of them at once, so one failing host does not hide the other.</summary>
    private void AssertForEachHost(Func<HostileHost, string?> problemOf)
    {
        var problems = Hosts.Select(host => (host.Name, Problem: problemOf(host))).Where(result => result.Problem is not null).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Select(result => $"{result.Name}: {result.Problem}")));
    }

    private static string Lines(IEnumerable<string> lines) => Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", lines);
}
