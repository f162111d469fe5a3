using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/HumanConnect.AspNetCore.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The benchmarks' entry point.</summary>
internal sealed partial class Program;
