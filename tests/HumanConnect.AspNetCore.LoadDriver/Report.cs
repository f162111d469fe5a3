namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>The run as Markdown tables, for docs/performance.md.</summary>
internal static class Report
{
    public static void Print(Arguments arguments, List<PhaseResult> phases, StoreCheck check, MemoryReadings memory, int finishes)
    {
        Console.WriteLine($"### {arguments.Label}: {arguments.Sites.Length} instance(s), {arguments.Users:N0} users, {arguments.Connections} connections");
        Console.WriteLine();
        Console.WriteLine("| target | requests | req/s | p50 | p99 | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach (var phase in phases)
        {
            Console.WriteLine($"| {phase.Name} | {phase.Requests:N0} | {phase.RequestsPerSecond:N0} | {phase.P50Ms:F1} ms | {phase.P99Ms:F1} ms | {phase.Errors} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Store check after {finishes:N0} finishes: {check.Checked:N0} pages (every user on every instance), " +
            $"{check.Lost} lost writes, {check.Stale} stale publicTokens.");
        Console.WriteLine();
        Console.WriteLine("| resident memory | " + string.Join(" | ", Enumerable.Range(0, memory.Instances).Select(i => $"instance {(char)('A' + i)}")) + " |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|", memory.Instances)));
        foreach (var (moment, bytes) in memory.Readings)
        {
            Console.WriteLine($"| {moment} | " + string.Join(" | ", bytes.Select(b => $"{b / 1048576.0:N0} MB")) + " |");
        }

        Console.WriteLine();
    }
}
