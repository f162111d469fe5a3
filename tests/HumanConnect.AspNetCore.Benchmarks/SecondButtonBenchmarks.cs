using BenchmarkDotNet.Attributes;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// A second <c>&lt;human-connect-button&gt;</c> on a page, against the first. The first is a new request's first
/// button (store read, antiforgery tokens, script tags); the second renders again and again into one request whose
/// first button is already written, which is exactly where every later button of a page stands. Setup and cleanup
/// check that the later buttons never read the store again. Goal: the second at most 0.2 times the first.
/// </summary>
[MemoryDiagnoser]
public class SecondButtonBenchmarks
{
    private ButtonPage _firstButtons = null!;
    private ButtonPage _laterButtons = null!;
    private AsyncServiceScope _scope;
    private ViewContext _view = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        // Two identical hosts, so the one kept for later buttons counts the reads of a single request.
        _firstButtons = await ButtonPage.StartAsync();
        _laterButtons = await ButtonPage.StartAsync();
        (_scope, _view) = _laterButtons.NewRequest(TestData.Alice);
        var first = await _laterButtons.RenderButtonAsync(_view);
        var second = await _laterButtons.RenderButtonAsync(_view);
        if (second >= first)
        {
            throw new InvalidOperationException($"The second button wrote {second} characters, the first {first}: it must not repeat the script tags.");
        }

        CheckOneRead();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _firstButtons.DisposeAsync();
        await _laterButtons.DisposeAsync();
        CheckOneRead();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> FirstButton()
    {
        var (scope, view) = _firstButtons.NewRequest(TestData.Alice);
        await using (scope)
        {
            return await _firstButtons.RenderButtonAsync(view);
        }
    }

    [Benchmark]
    public Task<int> SecondButton() => _laterButtons.RenderButtonAsync(_view);

    private void CheckOneRead()
    {
        if (_laterButtons.Store!.Reads != 1)
        {
            throw new InvalidOperationException($"One request read the store {_laterButtons.Store.Reads} times; its buttons must share one read.");
        }
    }
}
