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
