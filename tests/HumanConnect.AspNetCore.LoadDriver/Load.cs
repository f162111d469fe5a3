using System.Diagnostics;

namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>What one measured phase did: how many requests, how many failed, how fast, and the latency quantiles.</summary>
internal sealed record PhaseResult(string Name, int Requests, int Errors, double Seconds, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Seconds;
}

/// <summary>
/// Runs an operation on <c>connections</c> concurrent workers and times every call. A call that answers anything but
/// success, or throws, is an error. Latencies are kept per worker (no contention) and merged at the end.
/// </summary>
internal static class Load
{
    /// <summary>Calls <paramref name="operation"/> with 0, 1, 2, ... until <paramref name="duration"/> has passed.</summary>
    public static Task<PhaseResult> ForAsync(string name, int connections, TimeSpan duration, Func<int, Task<bool>> operation)
    {
        var next = -1;
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return RunAsync(name, connections, () => Stopwatch.GetTimestamp() < deadline ? Interlocked.Increment(ref next) : -1, operation);
    }

    /// <summary>Calls <paramref name="operation"/> once for each item of <paramref name="work"/>.</summary>
    public static Task<PhaseResult> EachAsync<T>(string name, int connections, IReadOnlyList<T> work, Func<T, Task<bool>> operation)
    {
        var next = -1;
        return RunAsync(name, connections, () => Interlocked.Increment(ref next) is var i && i < work.Count ? i : -1, i => operation(work[i]));
    }

    private static async Task<PhaseResult> RunAsync(string name, int connections, Func<int> take, Func<int, Task<bool>> operation)
    {
        var errors = 0;
        var started = Stopwatch.GetTimestamp();
        var perWorker = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(4096);
            for (var i = take(); i >= 0; i = take())
            {
                var before = Stopwatch.GetTimestamp();
                bool succeeded;
                try
                {
                    succeeded = await operation(i);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    succeeded = false;
                }

                latencies.Add(Stopwatch.GetTimestamp() - before);
                if (!succeeded)
                {
                    Interlocked.Increment(ref errors);
                }
            }

            return latencies;
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = perWorker.SelectMany(latencies => latencies).Order().ToArray();
        return new PhaseResult(name, all.Length, errors, seconds, Quantile(all, 0.50), Quantile(all, 0.99));
    }

    private static double Quantile(long[] sorted, double q) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)] * 1000.0 / Stopwatch.Frequency;
}
