using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using HumanConnect.AspNetCore.Storage;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// The default store on the memory cache against raw <see cref="IDistributedCache"/> calls with the same bytes (the
/// protected record the store writes): the difference is what JSON and Data Protection cost per save and per read.
/// Each category has its own baseline; the <c>Stored</c> column is the size of one record in the cache.
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[Config(typeof(StoredRecordSizeColumn.Config))]
public class TokenStoreBenchmarks
{
    private const string RawKey = "raw:" + TestData.Alice;
    private static readonly DistributedCacheEntryOptions NeverExpires = new();

    private readonly HumanTokens _tokens = TestData.StoredTokens();
    private ServiceProvider _services = null!;
    private IHumanTokenStore _store = null!;
    private IDistributedCache _cache = null!;
    private byte[] _stored = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = StoredRecordSizeColumn.NewServices();
        _store = _services.GetRequiredService<IHumanTokenStore>();
        _cache = _services.GetRequiredService<IDistributedCache>();
        await _store.SaveAsync(TestData.Alice, _tokens, CancellationToken.None);
        _stored = await _cache.GetAsync(TokenStoreKeys.For(TestData.Alice)) ?? throw new InvalidOperationException("Nothing was stored.");
        await _cache.SetAsync(RawKey, _stored, NeverExpires);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Save")]
    public Task RawSet() => _cache.SetAsync(RawKey, _stored, NeverExpires, CancellationToken.None);

    [Benchmark]
    [BenchmarkCategory("Save")]
    public Task Save() => _store.SaveAsync(TestData.Alice, _tokens, CancellationToken.None);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Get")]
    public Task<byte[]?> RawGet() => _cache.GetAsync(RawKey, CancellationToken.None);

    [Benchmark]
    [BenchmarkCategory("Get")]
    public Task<HumanTokens?> Get() => _store.GetAsync(TestData.Alice, CancellationToken.None);
}
