using HumanConnect.AspNetCore.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>The default store on a real redis-server, registered by the host as its IDistributedCache.</summary>
public sealed class RedisStoreSpecificationTests(RedisServerFixture redis)
    : HumanTokenStoreSpecification, IClassFixture<RedisServerFixture>, IDisposable
{
    private readonly ServiceProvider _services = StoreHost.Build(services =>
        services.AddStackExchangeRedisCache(options =>
        {
            options.Configuration = redis.Configuration;
            options.InstanceName = "hc-tests:";
        }));

    protected override Task<IHumanTokenStore> CreateStoreAsync() =>
        Task.FromResult(_services.GetRequiredService<IHumanTokenStore>());

    public void Dispose() => _services.Dispose();
}
