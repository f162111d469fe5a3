using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// One real database per test class, with <see cref="HostDbContext"/>'s schema created, and hosts built on it the
/// way an application registers the store: its own context, AddHumanConnect, AddEntityFrameworkTokenStore.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    /// <summary>The Data Protection purpose the store encrypts under, pinned: changing it would strand every stored token.</summary>
    public const string ProtectorPurpose = "HumanConnect.AspNetCore.EntityFrameworkCore.AccessToken.v1";

    public const string Table = "human_connect_tokens";

    /// <summary>Points a context at this database.</summary>
    public abstract void UseProvider(DbContextOptionsBuilder options);

    public virtual async ValueTask InitializeAsync()
    {
        await using var services = BuildHost();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>
    /// A host on this database with its own ephemeral key ring (so another host cannot read its tokens), the store on
    /// <typeparamref name="TContext"/>.
    /// </summary>
    public ServiceProvider BuildHost<TContext>(Action<DbContextOptionsBuilder>? configureContext = null)
        where TContext : DbContext =>
        HostServices<TContext>(configureContext).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    /// <summary>The services <see cref="BuildHost{TContext}"/> builds, as a host's Program.cs would register them.</summary>
    public ServiceCollection HostServices<TContext>(Action<DbContextOptionsBuilder>? configureContext = null)
        where TContext : DbContext
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddDbContext<TContext>(options =>
        {
            UseProvider(options);
            configureContext?.Invoke(options);
        });
        services.AddHumanConnect(options =>
        {
            options.ClientId = TestData.ClientId;
            options.ClientSecret = TestData.ClientSecret;
        }).AddEntityFrameworkTokenStore<TContext>();
        return services;
    }

    public ServiceProvider BuildHost(Action<DbContextOptionsBuilder>? configureContext = null) => BuildHost<HostDbContext>(configureContext);

    /// <summary>Creates <typeparamref name="TContext"/>'s tables in this database, which already holds others (EnsureCreated would do nothing).</summary>
    public static async Task CreateTablesAsync<TContext>(IServiceProvider host)
        where TContext : DbContext
    {
        await using var scope = host.CreateAsyncScope();
        var creator = scope.ServiceProvider.GetRequiredService<TContext>().Database.GetService<IRelationalDatabaseCreator>();
        await creator.CreateTablesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every row of the token table, column by column, read with plain SQL: what anyone with the database sees.</summary>
    public static async Task<List<Dictionary<string, object?>>> ReadRawRowsAsync(IServiceProvider host)
    {
        await using var scope = host.CreateAsyncScope();
        var connection = scope.ServiceProvider.GetRequiredService<HostDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {Table}";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount)
                .ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i), StringComparer.Ordinal));
        }

        return rows;
    }

    /// <summary>The raw row of one user, found by the documented key.</summary>
    public static async Task<Dictionary<string, object?>> ReadRawRowAsync(IServiceProvider host, string localUserId) =>
        (await ReadRawRowsAsync(host)).Single(row => (string?)row["user_key"] == KeyOf(localUserId));

    /// <summary>The row's <c>version</c> column: how many saves it has seen.</summary>
    public static async Task<long> ReadVersionAsync(IServiceProvider host, string localUserId) =>
        Convert.ToInt64((await ReadRawRowAsync(host, localUserId))["version"], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The documented key, computed here on its own: the lowercase hex SHA-256 of the UTF-8 local user id.</summary>
    public static string KeyOf(string localUserId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(localUserId)));

    /// <summary>The app's protector for one row's access token.</summary>
    public static IDataProtector ProtectorFor(IServiceProvider host, string localUserId) =>
        host.GetRequiredService<IDataProtectionProvider>().CreateProtector(ProtectorPurpose, KeyOf(localUserId));

}
