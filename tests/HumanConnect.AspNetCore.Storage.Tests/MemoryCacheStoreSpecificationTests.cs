using HumanConnect.AspNetCore.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Storage.Tests;

/// <summary>The default store on the memory cache AddHumanConnect falls back to when the host registered no cache.</summary>
public sealed class MemoryCacheStoreSpecificationTests : HumanTokenStoreSpecification, IDisposable
{
    private readonly ServiceProvider _services = StoreHost.Build();

    protected override Task<IHumanTokenStore> CreateStoreAsync() =>
        Task.FromResult(_services.GetRequiredService<IHumanTokenStore>());

    public void Dispose() => _services.Dispose();
}
