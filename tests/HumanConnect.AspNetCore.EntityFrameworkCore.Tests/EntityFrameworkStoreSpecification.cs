using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

/// <summary>
/// The specification kit on the Entity Framework Core store, resolved from a request scope as the library resolves
/// it. The kit's concurrent tests share that one store; <see cref="StoreConcurrencyTests"/> races separate scopes.
/// </summary>
public abstract class EntityFrameworkStoreSpecification(TestDatabase database) : HumanTokenStoreSpecification, IAsyncDisposable
{
    private readonly ServiceProvider _host = database.BuildHost();
    private readonly List<AsyncServiceScope> _scopes = [];

    protected override Task<IHumanTokenStore> CreateStoreAsync()
    {
        var scope = _host.CreateAsyncScope();
        _scopes.Add(scope);
        return Task.FromResult(scope.ServiceProvider.GetRequiredService<IHumanTokenStore>());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
