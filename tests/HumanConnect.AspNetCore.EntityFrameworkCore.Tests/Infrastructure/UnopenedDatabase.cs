using Microsoft.EntityFrameworkCore;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>A host on a database that is never created: for the tests of a store that cannot reach its database.</summary>
internal sealed class UnopenedDatabase(Action<DbContextOptionsBuilder> useProvider) : TestDatabase
{
    public override void UseProvider(DbContextOptionsBuilder options) => useProvider(options);

    public override ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
