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

/// <summary>SQLite-only: it reports no SQLSTATE, so any refused first insert may be a key conflict and is retried, to the limit.</summary>
public sealed class SqliteInsertRefusalTests(SqliteDatabase database) : IClassFixture<SqliteDatabase>
{
    [Fact]
    public async Task An_insert_refused_for_another_reason_is_retried_to_the_limit_then_surfaces()
    {
        var attempts = new InterleavingWriter();
        await using var host = database.BuildHost(options => options.AddInterceptors(attempts));
        await using (var setup = host.CreateAsyncScope())
        {
            // This class's own database file: the trigger refuses one marked humanId.
            await setup.ServiceProvider.GetRequiredService<HostDbContext>().Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER refuse_marked BEFORE INSERT ON human_connect_tokens
                WHEN NEW.human_id = 'refuse-me' BEGIN SELECT RAISE(ABORT, 'refused'); END;
                """, TestContext.Current.CancellationToken);
        }

        attempts.Arm(times: int.MaxValue, () => Task.CompletedTask);
        await using var scope = host.CreateAsyncScope();
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => scope.ServiceProvider.GetRequiredService<IHumanTokenStore>()
            .SaveAsync(Fresh.UserId(), Fresh.Tokens() with { HumanId = "refuse-me" }, TestContext.Current.CancellationToken));

        Assert.IsType<SqliteException>(failure.InnerException);
        Assert.Equal(32, attempts.Interleaved);
    }
}

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
