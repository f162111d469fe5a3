using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

// Every suite on SQLite, a database file per class.

public sealed class SqliteStoreSpecificationTests(SqliteDatabase database)
    : EntityFrameworkStoreSpecification(database), IClassFixture<SqliteDatabase>;

public sealed class SqliteStoreConcurrencyTests(SqliteDatabase database)
    : StoreConcurrencyTests(database), IClassFixture<SqliteDatabase>;

public sealed class SqliteStoreAtRestTests(SqliteDatabase database)
    : StoreAtRestTests(database), IClassFixture<SqliteDatabase>;

public sealed class SqliteHostContextTests(SqliteDatabase database)
    : HostContextTests(database), IClassFixture<SqliteDatabase>;

/// <summary>SQLite-only: a database that cannot be opened.</summary>
public sealed class SqliteUnavailableTests
{
    [Fact]
    public async Task A_database_that_cannot_be_opened_fails_the_call()
    {
        var missing = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetTempPath(), $"hc-efcore-absent-{Guid.NewGuid():N}", "tokens.db"),
            Mode = SqliteOpenMode.ReadWrite,
        }.ToString();
        await using var host = new UnopenedDatabase(options => options.UseSqlite(missing)).BuildHost();
        await using var scope = host.CreateAsyncScope();

        await Assert.ThrowsAsync<SqliteException>(() =>
            scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().GetAsync(Fresh.UserId(), TestContext.Current.CancellationToken));
    }
}
