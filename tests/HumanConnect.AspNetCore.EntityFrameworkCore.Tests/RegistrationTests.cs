using HumanConnect.AspNetCore.EntityFrameworkCore.Store;
using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

/// <summary>What AddEntityFrameworkTokenStore registers.</summary>
public sealed class RegistrationTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task The_store_replaces_the_default_one_and_lives_per_scope_on_the_scopes_context()
    {
        var services = database.HostServices<HostDbContext>();

        var registration = Assert.Single(services, d => d.ServiceType == typeof(IHumanTokenStore));
        Assert.Equal(typeof(EntityFrameworkHumanTokenStore<HostDbContext>), registration.ImplementationType);
        Assert.Equal(ServiceLifetime.Scoped, registration.Lifetime);

        await using var host = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using var first = host.CreateAsyncScope();
        await using var second = host.CreateAsyncScope();
        Assert.Same(first.ServiceProvider.GetRequiredService<IHumanTokenStore>(), first.ServiceProvider.GetRequiredService<IHumanTokenStore>());
        Assert.NotSame(first.ServiceProvider.GetRequiredService<IHumanTokenStore>(), second.ServiceProvider.GetRequiredService<IHumanTokenStore>());
    }
}
