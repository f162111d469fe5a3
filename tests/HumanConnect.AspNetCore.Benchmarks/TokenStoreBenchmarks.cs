using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>The default store on the memory cache: JSON plus Data Protection on every save and read.</summary>
[MemoryDiagnoser]
public class TokenStoreBenchmarks
{
    private readonly HumanTokens _tokens = new("52867cbede3155565f000a0d", new string('a', 220) + "=", "2767d60ea95f4c3db8e8f3d0a1238302", new string('c', 64));
    private ServiceProvider _services = null!;
    private IHumanTokenStore _store = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddHumanConnect(options =>
            {
                options.ClientId = "2e9574ecd415c99346879d07689ec1c732c11036";
                options.ClientSecret = "ee1551fb509598d0b656811633310889dc306aa3";
            })
            .Services.BuildServiceProvider();
        _store = _services.GetRequiredService<IHumanTokenStore>();
        await _store.SaveAsync("alice", _tokens, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public Task Save() => _store.SaveAsync("alice", _tokens, CancellationToken.None);

    [Benchmark]
    public Task<HumanTokens?> Get() => _store.GetAsync("alice", CancellationToken.None);
}
