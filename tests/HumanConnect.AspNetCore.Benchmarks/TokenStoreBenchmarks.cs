using BenchmarkDotNet.Attributes;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>The default store on the memory cache: JSON plus Data Protection on every save and read.</summary>
[MemoryDiagnoser]
public class TokenStoreBenchmarks
{
    private readonly HumanTokens _tokens = TestData.StoredTokens();
    private ServiceProvider _services = null!;
    private IHumanTokenStore _store = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddHumanConnect(options =>
            {
                options.ClientId = TestData.ClientId;
                options.ClientSecret = TestData.ClientSecret;
            })
            .Services.BuildServiceProvider();
        _store = _services.GetRequiredService<IHumanTokenStore>();
        await _store.SaveAsync(TestData.Alice, _tokens, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public Task Save() => _store.SaveAsync(TestData.Alice, _tokens, CancellationToken.None);

    [Benchmark]
    public Task<HumanTokens?> Get() => _store.GetAsync(TestData.Alice, CancellationToken.None);
}
