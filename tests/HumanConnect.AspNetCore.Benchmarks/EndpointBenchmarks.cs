using BenchmarkDotNet.Attributes;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// The library's endpoints in process, against each other: the finish with a form body, and public-token
/// (a store read, the publictokens call answered from memory, a store write), relative to the JSON finish.
/// </summary>
[MemoryDiagnoser]
public class EndpointBenchmarks
{
    private InProcessApp _app = null!;

    [GlobalSetup]
    public async Task SetupAsync() => _app = await InProcessApp.StartAsync();

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _app.DisposeAsync();

    [Benchmark(Baseline = true)]
    public Task<int> FinishWithJson() => _app.PostAsync("/connect/finish", InProcessApp.FreshJson(), "application/json");

    [Benchmark]
    public Task<int> FinishWithForm() => _app.PostAsync("/connect/finish", InProcessApp.FreshForm(), "application/x-www-form-urlencoded");

    [Benchmark]
    public Task<int> PublicToken() => _app.PostAsync("/connect/public-token", [], "application/json");
}
