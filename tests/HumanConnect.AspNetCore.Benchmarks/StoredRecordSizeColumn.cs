using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using HumanConnect.AspNetCore.Storage;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// A summary column with the size of one record in the default store (goal: at most 1 KB), measured by saving
/// <see cref="TestData.StoredTokens"/> (a 216-character access token) and reading the cache entry back, with the
/// size of the JSON inside it.
/// </summary>
internal sealed class StoredRecordSizeColumn : IColumn
{
    // Computed once, in the process that prints the summary; the memory cache completes every call synchronously.
    private static readonly Lazy<string> Size = new(Measure);

    public string Id => nameof(StoredRecordSizeColumn);

    public string ColumnName => "Stored";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => false;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Bytes one record takes in the cache (the JSON inside it, before encryption)";

    /// <summary>The services the store benchmarks use: <c>AddHumanConnect</c> with the memory cache and an in-memory key ring.</summary>
    public static ServiceProvider NewServices() => new ServiceCollection()
        .AddLogging()
        .AddHumanConnect(options =>
        {
            options.ClientId = TestData.ClientId;
            options.ClientSecret = TestData.ClientSecret;
        })
        .Services.BuildServiceProvider();

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Size.Value;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => Size.Value;

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    private static string Measure()
    {
        using var services = NewServices();
        var store = services.GetRequiredService<IHumanTokenStore>();
        store.SaveAsync(TestData.Alice, TestData.StoredTokens(), CancellationToken.None).GetAwaiter().GetResult();
        var stored = services.GetRequiredService<IDistributedCache>().Get(TokenStoreKeys.For(TestData.Alice))!;
        if (!StoredRecord.TryRead(stored, out _, out var protectedPayload))
        {
            throw new InvalidOperationException("The stored record is not in the default store's layout.");
        }

        var json = services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(DistributedCacheHumanTokenStore.ProtectorPurpose).Unprotect(protectedPayload);
        return $"{stored.Length} B (JSON {json.Length} B)";
    }

    /// <summary>Adds the column to the default configuration.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new StoredRecordSizeColumn());
    }
}
