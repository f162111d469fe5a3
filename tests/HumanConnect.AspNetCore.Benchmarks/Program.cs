using BenchmarkDotNet.Running;
using HumanConnect.AspNetCore.Benchmarks;

// Everything, then the paired time ratios (see docs/performance.md):
//   dotnet run -c Release --project tests/HumanConnect.AspNetCore.Benchmarks -- --filter '*' --job short --iterationCount 15
// The paired ratios alone:
//   dotnet run -c Release --project tests/HumanConnect.AspNetCore.Benchmarks -- --paired
if (args is ["--paired"])
{
    await PairedRatios.RunAsync();
    return;
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
if (summaries.Any(summary => summary.Reports.Length > 0))
{
    Console.WriteLine();
    Console.WriteLine("// * Paired time ratios (interleaved in one process) *");
    await PairedRatios.RunAsync();
}

/// <summary>The benchmarks' entry point.</summary>
internal sealed partial class Program;
