using System.Collections.Concurrent;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Runs a case and judges everything it did: the answer, the calls to Human API, the store, the log. Each case runs
/// at most once per host (memoized), so slow cases can be started together and awaited by their own test.
/// </summary>
internal static class CaseRunner
{
    /// <summary>How long the server may take to finish a request once its answer (or the client's hang-up) is in.</summary>
    private static readonly TimeSpan ServerDeadline = TimeSpan.FromSeconds(5);

    private static readonly ConcurrentDictionary<(HostileHost Host, string Case), Lazy<Task<CaseReport>>> Runs = new();

    private static readonly ConcurrentDictionary<string, string> NamesById = new(StringComparer.Ordinal);

    /// <summary>The memoized run of <paramref name="hostileCase"/> on <paramref name="host"/>.</summary>
    public static Task<CaseReport> RunAsync(HostileHost host, HostileCase hostileCase) =>
        Runs.GetOrAdd((host, hostileCase.Name), key => new Lazy<Task<CaseReport>>(() => Task.Run(() => ExecuteAsync(host, hostileCase)))).Value;

    /// <summary>Starts every case now, without waiting: their tests then await runs already under way.</summary>
    public static void Prestart(HostileHost host, IEnumerable<HostileCase> cases)
    {
        foreach (var hostileCase in cases)
        {
            _ = RunAsync(host, hostileCase);
        }
    }

    /// <summary>The runs started on <paramref name="host"/>, finished or not: the epilogue checks that all of them ended.</summary>
    public static IReadOnlyList<Task<CaseReport>> RunsOn(HostileHost host) =>
        [.. Runs.Where(run => run.Key.Host == host).Select(run => run.Value.Value)];

    /// <summary>The case a ledger entry names, for the epilogue's messages.</summary>
    public static string NameOf(string? caseId) =>
        caseId is null ? "(no case: seeding or the test itself)" : NamesById.GetValueOrDefault(caseId, caseId);

    /// <summary>Runs a case once, unmemoized (the meta checks use it to show each check can fail).</summary>
    public static async Task<CaseReport> ExecuteAsync(HostileHost host, HostileCase hostileCase)
    {
        var caseId = Guid.NewGuid().ToString("N");
        NamesById[caseId] = $"{hostileCase.Name} ({host.Name})";
        // Write counters first, then the records: a write that overlaps the case moves a counter, even one in flight now.
        var clocksBefore = WriteClocks(host);
        var before = await host.SnapshotAsync();
        var request = hostileCase.Request(new CaseContext(host.Users)).Build(host.Port, caseId);
        var outcome = await RawHttp.ExchangeAsync(host.Port, request);

        var violations = new List<string>();
        var trace = host.Ledger.Case(caseId);
        if (outcome.Response is null && !await Within(trace.Seen))
        {
            // Only a client that hung up gets here legitimately: if the server never ran the request, it proves nothing.
            violations.Add($"the application never saw the request within {ServerDeadline.TotalSeconds:0} s");
        }

        foreach (var (traceIdentifier, _) in trace.Requests)
        {
            if (!await Within(host.Ledger.WhenFinished(traceIdentifier)))
            {
                violations.Add($"request {traceIdentifier} did not finish on the server within {ServerDeadline.TotalSeconds:0} s");
            }
        }

        var after = await host.SnapshotAsync();
        var clocksAfter = WriteClocks(host);
        violations.AddRange(ProblemAssert.Check(outcome, hostileCase.Expect));
        violations.AddRange(ProblemAssert.CheckNoStackTrace(outcome));
        violations.AddRange(host.Ledger.UpstreamCalls.Where(call => call.CaseId == caseId).Select(call => $"called Human API: {call.What}"));
        violations.AddRange(host.Ledger.StoreWrites.Where(write => write.CaseId == caseId).Select(write => $"wrote the store: {write.What}"));
        violations.AddRange(StoreChanges(user => Quiet(clocksBefore[user], clocksAfter[user]), before, after));
        violations.AddRange(host.Logs.GetSnapshot()
            .Where(record => LogWatch.IsUnhandledException(record) && LogWatch.Mentions(record, trace.Requests))
            .Select(record => $"logged an unhandled exception: {LogWatch.Describe(record)}"));
        return new CaseReport(hostileCase.Name, host.Name, outcome, hostileCase.Expect, violations);
    }

    /// <summary>
    /// A user's record must be as it was. It is compared only when no write to it overlapped the case: a write
    /// through the store is pinned on the case that made it by the ledger (this one's included), so what is left to
    /// catch here is a change that bypassed the store's writes.
    /// </summary>
    internal static IEnumerable<string> StoreChanges(Func<string, bool> untouched, StoreSnapshot before, StoreSnapshot after)
    {
        if (untouched(HostileUsers.Alice) && before.Alice != after.Alice)
        {
            yield return $"alice's stored tokens changed: {before} -> {after}";
        }

        if (untouched(HostileUsers.Bob) && before.Bob != after.Bob)
        {
            yield return $"bob's stored tokens changed: {before} -> {after}";
        }
    }

    private static Dictionary<string, (long Started, long Ended)> WriteClocks(HostileHost host) => new(StringComparer.Ordinal)
    {
        [HostileUsers.Alice] = host.Ledger.WritesTo(HostileUsers.Alice),
        [HostileUsers.Bob] = host.Ledger.WritesTo(HostileUsers.Bob),
    };

    /// <summary>No write was in flight when the case began, and none started or ended before it was over.</summary>
    private static bool Quiet((long Started, long Ended) before, (long Started, long Ended) after) =>
        before.Started == before.Ended && after == before;

    private static async Task<bool> Within(Task task)
    {
        try
        {
            await task.WaitAsync(ServerDeadline);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>What a case did, and every way it broke the contract.</summary>
internal sealed record CaseReport(string Name, string Environment, RawOutcome Outcome, Expectation Expected, IReadOnlyList<string> Violations)
{
    public void AssertClean()
    {
        if (Violations.Count > 0)
        {
            Assert.Fail($"{Name} ({Environment}): expected {Expected}; got {Outcome}.{System.Environment.NewLine}- " +
                string.Join($"{System.Environment.NewLine}- ", Violations));
        }
    }
}
