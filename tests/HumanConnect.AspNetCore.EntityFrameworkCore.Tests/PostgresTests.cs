using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests;

// Every suite on the real PostgreSQL server build/test.sh starts, a database per class.

public sealed class PostgresStoreSpecificationTests(PostgresDatabase database)
    : EntityFrameworkStoreSpecification(database), IClassFixture<PostgresDatabase>;

public sealed class PostgresStoreConcurrencyTests(PostgresDatabase database)
    : StoreConcurrencyTests(database), IClassFixture<PostgresDatabase>;

public sealed class PostgresStoreAtRestTests(PostgresDatabase database)
    : StoreAtRestTests(database), IClassFixture<PostgresDatabase>;

public sealed class PostgresHostContextTests(PostgresDatabase database)
    : HostContextTests(database), IClassFixture<PostgresDatabase>;

/// <summary>PostgreSQL-only: it reports a SQLSTATE, so an insert refused for another reason than a key is not retried.</summary>
public sealed class PostgresInsertRefusalTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task An_insert_refused_outside_the_integrity_constraint_class_fails_at_the_first_attempt()
    {
        var attempts = new InterleavingWriter();
        await using var host = database.BuildHost(options => options.AddInterceptors(attempts));
        await using (var setup = host.CreateAsyncScope())
        {
            // This class's own database: the trigger refuses one marked humanId with a SQLSTATE of class P0.
            await setup.ServiceProvider.GetRequiredService<HostDbContext>().Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION refuse_marked() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.human_id = 'refuse-me' THEN RAISE EXCEPTION 'refused' USING ERRCODE = 'P0001'; END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER refuse_marked BEFORE INSERT ON human_connect_tokens FOR EACH ROW EXECUTE FUNCTION refuse_marked();
                """, TestContext.Current.CancellationToken);
        }

        attempts.Arm(times: int.MaxValue, () => Task.CompletedTask);
        await using var scope = host.CreateAsyncScope();
        var failure = await Assert.ThrowsAsync<DbUpdateException>(() => scope.ServiceProvider.GetRequiredService<IHumanTokenStore>()
            .SaveAsync(Fresh.UserId(), Fresh.Tokens() with { HumanId = "refuse-me" }, TestContext.Current.CancellationToken));

        Assert.Equal("P0001", Assert.IsType<PostgresException>(failure.InnerException).SqlState);
        Assert.Equal(1, attempts.Interleaved);
    }
}

/// <summary>PostgreSQL-only: the server is down.</summary>
public sealed class PostgresUnavailableTests
{
    [Fact]
    public async Task A_server_that_is_down_fails_the_call_promptly()
    {
        var closedPort = ClosedLoopbackPort();
        var unreachable = $"Host=127.0.0.1;Port={closedPort};Username=hc;Database=postgres;Timeout=5";
        await using var host = new UnopenedDatabase(options => options.UseNpgsql(unreachable)).BuildHost();
        await using var scope = host.CreateAsyncScope();
        var elapsed = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAnyAsync<Exception>(() =>
            scope.ServiceProvider.GetRequiredService<IHumanTokenStore>().SaveAsync(Fresh.UserId(), Fresh.Tokens(), TestContext.Current.CancellationToken));

        // Npgsql's execution strategy wraps the refused connection as a transient failure.
        Assert.IsType<NpgsqlException>(failure.InnerException);

        // Refused at once, not left to hang the request: well within the connect timeout.
        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(5), $"took {elapsed.Elapsed}");
    }

    /// <summary>A port that was free a moment ago; nothing listens there.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
