using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Attributes what the host did to the hostile case that made it do it. Cases run concurrently on one host, so a
/// global counter would blame every case running beside one that misbehaved; each request carries its case id in
/// <see cref="CaseHeader"/>, and the upstream calls, store writes and log records it causes are filed under it.
/// </summary>
internal sealed class CaseLedger
{
    /// <summary>The header a hostile request names its case in. It is the only thing a case adds to its abuse.</summary>
    public const string CaseHeader = "X-Hostile-Case";

    private readonly ConcurrentDictionary<string, CaseTrace> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _finished = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Attributed> _upstreamCalls = new();
    private readonly ConcurrentQueue<Attributed> _storeWrites = new();
    private readonly ConcurrentDictionary<string, WriteClock> _clocks = new(StringComparer.Ordinal);

    /// <summary>Every call the library made to Human API (here, the sandbox), seeding included.</summary>
    public IReadOnlyList<Attributed> UpstreamCalls => [.. _upstreamCalls];

    /// <summary>Every save or remove the token store received, seeding included.</summary>
    public IReadOnlyList<Attributed> StoreWrites => [.. _storeWrites];

    public CaseTrace Case(string caseId) => _cases.GetOrAdd(caseId, static _ => new CaseTrace());

    /// <summary>Called by the host's first middleware: the case reached the application.</summary>
    public void RequestStarted(string caseId, string traceIdentifier, string connectionId) =>
        Case(caseId).Started(traceIdentifier, connectionId);

    /// <summary>Called when hosting logs "Request finished": everything the request will log has been logged.</summary>
    public void RequestFinished(string traceIdentifier) => Finished(traceIdentifier).TrySetResult();

    public Task WhenFinished(string traceIdentifier) => Finished(traceIdentifier).Task;

    public void RecordUpstreamCall(HttpContext? caller, string what) => _upstreamCalls.Enqueue(new(CaseOf(caller), what));

    /// <summary>A write to <paramref name="localUserId"/>'s record begins; <see cref="StoreWriteEnded"/> follows once it is done.</summary>
    public void StoreWriteStarting(HttpContext? caller, string what, string localUserId)
    {
        _storeWrites.Enqueue(new(CaseOf(caller), what));
        Interlocked.Increment(ref Clock(localUserId).Started);
    }

    public void StoreWriteEnded(string localUserId) => Interlocked.Increment(ref Clock(localUserId).Ended);

    /// <summary>How many writes to the user's record have started and ended so far.</summary>
    public (long Started, long Ended) WritesTo(string localUserId)
    {
        var clock = Clock(localUserId);
        var ended = Interlocked.Read(ref clock.Ended);
        return (Interlocked.Read(ref clock.Started), ended);
    }

    private WriteClock Clock(string localUserId) => _clocks.GetOrAdd(localUserId, static _ => new WriteClock());

    /// <summary>The case a call was made for: the case header of the inbound request whose handling made it.</summary>
    private static string? CaseOf(HttpContext? caller) =>
        caller?.Request.Headers[CaseHeader] is { Count: > 0 } values ? values.ToString() : null;

    private TaskCompletionSource Finished(string traceIdentifier) =>
        _finished.GetOrAdd(traceIdentifier, static _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Counts the writes to one user's record, so a case can tell whether any write overlapped it.</summary>
internal sealed class WriteClock
{
    public long Started;
    public long Ended;
}

/// <summary>An upstream call or store write, with the case it was made for (<see langword="null"/>: no case, e.g. seeding).</summary>
internal sealed record Attributed(string? CaseId, string What);

/// <summary>The requests of one case that reached the application.</summary>
internal sealed class CaseTrace
{
    private readonly ConcurrentQueue<(string TraceIdentifier, string ConnectionId)> _requests = new();
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<(string TraceIdentifier, string ConnectionId)> Requests => [.. _requests];

    /// <summary>Completes when the first request of the case reaches the application.</summary>
    public Task Seen => _seen.Task;

    public void Started(string traceIdentifier, string connectionId)
    {
        _requests.Enqueue((traceIdentifier, connectionId));
        _seen.TrySetResult();
    }
}
