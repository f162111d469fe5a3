using System.Collections.Concurrent;
using System.Runtime;

namespace HumanConnect.AspNetCore.LoadHost;

/// <summary>
/// What the load script reads between runs: requests served, those that were not 2xx (counted here rather than by
/// wrk, which only counts 4xx and 5xx) apart from those the client abandoned, the library's successful finishes, the process's CPU time (every thread,
/// so CPU per request is a figure that other processes on the machine do not inflate) and its memory.
/// </summary>
internal static class LoadCounters
{
    private static long s_requests;
    private static long s_nonSuccess;
    private static long s_finishes;
    private static long s_aborted;
    private static readonly ConcurrentDictionary<string, long> s_failures = new(StringComparer.Ordinal);

    public static void UseLoadCounters(this IApplicationBuilder app) => app.Use(static next => async context =>
    {
        await next(context);
        Interlocked.Increment(ref s_requests);
        var status = context.Response.StatusCode;
        if (context.RequestAborted.IsCancellationRequested)
        {
            // wrk closing its connections at the end of a run, requests in flight: nobody reads those answers.
            Interlocked.Increment(ref s_aborted);
        }
        else if (status is < 200 or > 299)
        {
            Interlocked.Increment(ref s_nonSuccess);
            s_failures.AddOrUpdate($"{status} {context.Request.Method} {context.Request.Path}", 1, static (_, count) => count + 1);
        }
        else if (context.Request.Path.Equals("/connect/finish", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref s_finishes);
        }
    });

    /// <summary>The counters and memory now; after a full blocking collection when <paramref name="collect"/>.</summary>
    public static Stats Snapshot(bool collect)
    {
        if (collect)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var gc = GC.GetGCMemoryInfo();
        return new Stats(
            Interlocked.Read(ref s_requests),
            Interlocked.Read(ref s_nonSuccess),
            Interlocked.Read(ref s_finishes),
            Interlocked.Read(ref s_aborted),
            GC.GetTotalAllocatedBytes(precise: false),
            (long)Environment.CpuUsage.TotalTime.TotalMicroseconds,
            Environment.WorkingSet,
            gc.HeapSizeBytes,
            GC.GetTotalMemory(forceFullCollection: false),
            GC.CollectionCount(2),
            GCSettings.IsServerGC,
            new Dictionary<string, long>(s_failures, StringComparer.Ordinal));
    }

    internal sealed record Stats(
        long Requests,
        long NonSuccess,
        long Finishes,
        long Aborted,
        long AllocatedBytes,
        long CpuMicroseconds,
        long WorkingSetBytes,
        long GcHeapBytes,
        long LiveBytes,
        int Gen2Collections,
        bool ServerGc,
        IReadOnlyDictionary<string, long> Failures);
}
