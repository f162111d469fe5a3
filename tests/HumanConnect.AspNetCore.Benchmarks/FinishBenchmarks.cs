using BenchmarkDotNet.Attributes;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// The library's finish against what an integrator writes by hand, in one host, the same request bytes and the
/// same in-memory upstream: the careful one (signed-in user, antiforgery) is the baseline, the bare one (neither
/// check) the floor. Goal: the library at most 1.1 times the careful one, though it also binds strictly, validates,
/// checks the answer names this app and this user, and encrypts what it stores.
/// </summary>
[MemoryDiagnoser]
public class FinishBenchmarks
{
    private InProcessApp _app = null!;

    [GlobalSetup]
    public async Task SetupAsync() => _app = await InProcessApp.StartAsync();

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _app.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<int> CarefulHandWritten() => _app.PostAsync(HandWrittenFinish.CarefulPattern, InProcessApp.FreshJson(), "application/json");

    [Benchmark]
    public Task<int> BareHandWritten() => _app.PostAsync(HandWrittenFinish.BarePattern, InProcessApp.FreshJson(), "application/json");

    [Benchmark]
    public Task<int> Library() => _app.PostAsync("/connect/finish", InProcessApp.FreshJson(), "application/json");
}
