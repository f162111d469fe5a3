using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A fresh database on the real PostgreSQL server build/test.sh starts (<see cref="Variable"/>), dropped afterwards.
/// Without the variable every test of the class fails with the reason: these tests never skip.
/// </summary>
public sealed class PostgresDatabase : TestDatabase
{
    public const string Variable = "HUMANCONNECT_TEST_POSTGRES";

    private string? _connectionString;

    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException("The PostgreSQL test database is not initialized.");

    public override void UseProvider(DbContextOptionsBuilder options) => options.UseNpgsql(ConnectionString);

    public override async ValueTask InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{Variable} is not set, so the PostgreSQL tests cannot run (they never skip). build/test.sh starts a " +
                $"private PostgreSQL server and sets it; to run this project alone, start one and set {Variable} to its " +
                "connection string, e.g. Host=127.0.0.1;Port=5432;Username=hc;Database=postgres.");
        }

        // A database of its own per test class: classes run in parallel, and a run leaves nothing behind.
        _connectionString = new NpgsqlConnectionStringBuilder(server) { Database = $"hc_efcore_{Guid.NewGuid():N}" }.ToString();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        if (_connectionString is null)
        {
            return;
        }

        await using var host = BuildHost();
        await using var scope = host.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.EnsureDeletedAsync(CancellationToken.None);
    }
}
