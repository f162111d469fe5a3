using System.Diagnostics;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// Every comparison of the benchmarks again, as a time ratio measured pairwise: short batches of the baseline and
/// the candidate alternate in one process (A B B A, so a drift hits both alike), and the ratio reported is the
/// median of the per-round ratios. Time is the process's CPU time (every thread: the thread pool, the GC), not the
/// wall clock, so other processes competing for the cores do not inflate it. BenchmarkDotNet measures each method in
/// a process of its own, minutes apart, by the wall clock, so on a shared machine its Ratio column carries the load
/// of whatever else ran meanwhile; this one does not.
/// </summary>
internal static class PairedRatios
{
    private const int Rounds = 40;
    private static readonly TimeSpan BatchTime = TimeSpan.FromMilliseconds(40);

    public static async Task RunAsync()
    {
        Console.WriteLine("| comparison (candidate / baseline) | baseline, CPU per op | candidate, CPU per op | ratio, median | p25 – p75 |");
        Console.WriteLine("|---|---:|---:|---:|---:|");

        var buttons = new ButtonBenchmarks();
        await buttons.SetupAsync();
        await CompareAsync("button, edit mode / form with antiforgery", buttons.FormWithAntiforgery, buttons.ButtonEditMode);
        await CompareAsync("button, create mode / form with antiforgery", buttons.FormWithAntiforgery, buttons.ButtonCreateMode);
        await CompareAsync("button, edit mode, default store / form with antiforgery", buttons.FormWithAntiforgery, buttons.ButtonEditModeDefaultStore);
        await CompareAsync("the harness alone / form with antiforgery", buttons.FormWithAntiforgery, buttons.RequestOnly);
        await buttons.CleanupAsync();

        var second = new SecondButtonBenchmarks();
        await second.SetupAsync();
        await CompareAsync("second button / first button", second.FirstButton, second.SecondButton);
        await second.CleanupAsync();

        var finish = new FinishBenchmarks();
        await finish.SetupAsync();
        await CompareAsync("finish, library / careful hand-written", finish.CarefulHandWritten, finish.Library);
        await CompareAsync("finish, bare hand-written / careful hand-written", finish.CarefulHandWritten, finish.BareHandWritten);
        await finish.CleanupAsync();

        var endpoints = new EndpointBenchmarks();
        await endpoints.SetupAsync();
        await CompareAsync("finish, form body / JSON body", endpoints.FinishWithJson, endpoints.FinishWithForm);
        await CompareAsync("public-token / finish", endpoints.FinishWithJson, endpoints.PublicToken);
        await endpoints.CleanupAsync();

        var store = new TokenStoreBenchmarks();
        await store.SetupAsync();
        await CompareAsync("store get / raw cache get", store.RawGet, store.Get);
        await CompareAsync("store save / raw cache set", store.RawSet, store.Save);
        store.Cleanup();
    }

    private static async Task CompareAsync(string name, Func<Task> baseline, Func<Task> candidate)
    {
        // Warm both up past tiered compilation (whose background compiles would count as CPU time), then size a batch
        // of each to about BatchTime.
        var baselineBatch = await CalibrateAsync(baseline);
        var candidateBatch = await CalibrateAsync(candidate);
        var ratios = new List<double>(Rounds);
        var baselineTimes = new List<double>(Rounds);
        var candidateTimes = new List<double>(Rounds);
        for (var round = 0; round < Rounds; round++)
        {
            double a, b;
            if (round % 2 == 0)
            {
                a = await TimeAsync(baseline, baselineBatch);
                b = await TimeAsync(candidate, candidateBatch);
            }
            else
            {
                b = await TimeAsync(candidate, candidateBatch);
                a = await TimeAsync(baseline, baselineBatch);
            }

            baselineTimes.Add(a);
            candidateTimes.Add(b);
            ratios.Add(b / a);
        }

        Console.WriteLine($"| {name} | {Format(Median(baselineTimes))} | {Format(Median(candidateTimes))} | {Median(ratios):F2} | {Percentile(ratios, 0.25):F2} – {Percentile(ratios, 0.75):F2} |");
    }

    private static async Task<int> CalibrateAsync(Func<Task> operation)
    {
        var batch = 1;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(3))
        {
            await operation();
        }

        while (true)
        {
            var started = Environment.CpuUsage.TotalTime;
            for (var i = 0; i < batch; i++)
            {
                await operation();
            }

            if (Environment.CpuUsage.TotalTime - started >= BatchTime)
            {
                return batch;
            }

            batch *= 2;
        }
    }

    /// <summary>CPU nanoseconds per operation over one batch.</summary>
    private static async Task<double> TimeAsync(Func<Task> operation, int batch)
    {
        var started = Environment.CpuUsage.TotalTime;
        for (var i = 0; i < batch; i++)
        {
            await operation();
        }

        return (Environment.CpuUsage.TotalTime - started).TotalNanoseconds / batch;
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    private static string Format(double nanoseconds) =>
        nanoseconds >= 1000 ? $"{nanoseconds / 1000:F1} µs" : $"{nanoseconds:F0} ns";
}
