using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// In Production, the default store on the memory cache stops start-up unless the host opted in: a restart or a
/// second instance would lose every user's tokens. Nothing else is refused, and no other environment is checked.
/// </summary>
public sealed class InMemoryTokenStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Builds, maps and starts a host; returns the start-up failure, or null when it started.</summary>
    private static async Task<OptionsValidationException?> StartAsync(
        string environment,
        Action<HumanConnectOptions>? options = null,
        Action<IServiceCollection>? before = null,
        Action<HumanConnectBuilder>? humanConnect = null,
        IDictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        before?.Invoke(builder.Services);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HumanConnect:ClientId"] = TestData.ClientId,
            ["HumanConnect:ClientSecret"] = TestData.ClientSecret,
        }.Concat(configuration ?? new Dictionary<string, string?>()));
        var connect = builder.Services.AddHumanConnect(builder.Configuration.GetSection("HumanConnect"));
        if (options is not null)
        {
            builder.Services.Configure(options);
        }

        humanConnect?.Invoke(connect);
        await using var app = builder.Build();
        app.MapHumanConnect();
        try
        {
            await app.StartAsync(Ct);
            await app.StopAsync(Ct);
            return null;
        }
        catch (OptionsValidationException error)
        {
            return error;
        }
    }

    [Fact]
    public async Task Production_on_the_memory_cache_fails_at_start_up_naming_every_fix()
    {
        var error = await StartAsync("Production");

        var failure = Assert.Single(Assert.IsType<OptionsValidationException>(error).Failures);
        Assert.StartsWith("HumanConnect:", failure, StringComparison.Ordinal);
        Assert.Contains("in-memory IDistributedCache", failure, StringComparison.Ordinal);
        Assert.Contains("AddStackExchangeRedisCache", failure, StringComparison.Ordinal);
        Assert.Contains("AddTokenStore<T>()", failure, StringComparison.Ordinal);
        Assert.Contains("HumanConnect:AllowInMemoryTokenStore=true", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task It_is_reported_with_every_other_option_problem_at_once()
    {
        var error = await StartAsync("Production", options: o => o.ClientSecret = "");

        Assert.NotNull(error);
        Assert.Equal(2, error.Failures.Count());
        Assert.Contains(error.Failures, failure => failure.Contains("ClientSecret is required", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("AllowInMemoryTokenStore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_memory_cache_the_host_registered_itself_is_refused_too()
    {
        Assert.NotNull(await StartAsync("Production", before: services => services.AddDistributedMemoryCache()));
    }

    [Fact]
    public async Task Opting_in_through_configuration_starts()
    {
        Assert.Null(await StartAsync("Production", configuration: new Dictionary<string, string?> { ["HumanConnect:AllowInMemoryTokenStore"] = "true" }));
    }

    [Fact]
    public async Task Opting_in_in_code_starts()
    {
        Assert.Null(await StartAsync("Production", options: o => o.AllowInMemoryTokenStore = true));
    }

    [Fact]
    public async Task A_shared_cache_starts_whether_registered_before_or_after_AddHumanConnect()
    {
        Assert.Null(await StartAsync("Production", before: services => services.AddSingleton<IDistributedCache, SharedCache>()));
        Assert.Null(await StartAsync("Production", humanConnect: connect => connect.Services.AddSingleton<IDistributedCache, SharedCache>()));
    }

    [Fact]
    public async Task A_host_store_starts_and_is_not_built_at_start_up()
    {
        var backend = new HostTokenStoreBackend();
        var built = 0;

        Assert.Null(await StartAsync("Production", before: services => services.AddSingleton(backend),
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>()));
        Assert.Null(await StartAsync("Production", humanConnect: connect => connect.AddTokenStore(_ =>
        {
            built++;
            return new HostTokenStore(backend);
        })));
        Assert.Equal(0, built);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public async Task Other_environments_are_not_checked(string environment)
    {
        Assert.Null(await StartAsync(environment));
    }

    /// <summary>Stands in for Redis or SQL Server: any cache that is not the in-process memory one.</summary>
    private sealed class SharedCache : IDistributedCache
    {
        public byte[]? Get(string key) => null;

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult<byte[]?>(null);

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) { }

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) => Task.CompletedTask;

        public void Refresh(string key) { }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) { }

        public Task RemoveAsync(string key, CancellationToken token = default) => Task.CompletedTask;
    }
}
