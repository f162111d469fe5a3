using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.Testing;
using HumanConnect.SampleHost.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.SampleHost.Tests;

/// <summary>The sample's SQLite store passes the same specification as the library's default store.</summary>
public sealed class SqliteStoreSpecificationTests : HumanTokenStoreSpecification, IDisposable
{
    private readonly SqliteStoreFiles _files = new();

    protected override Task<IHumanTokenStore> CreateStoreAsync() => Task.FromResult<IHumanTokenStore>(_files.CreateStore());

    public void Dispose() => _files.Dispose();
}

/// <summary>What only a file-backed store can show: a restart keeps the data, and the file holds no readable access token.</summary>
public sealed class SqliteStorePersistenceTests : IDisposable
{
    private readonly SqliteStoreFiles _files = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_store_instance_on_the_same_file_reads_what_the_previous_one_saved()
    {
        var tokens = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "c0ffee");
        await _files.CreateStore().SaveAsync(TestData.Alice, tokens, Cancellation);

        var afterRestart = _files.CreateStore();

        Assert.Equal(tokens, await afterRestart.GetAsync(TestData.Alice, Cancellation));
    }

    [Fact]
    public async Task The_database_file_does_not_hold_the_access_token_in_clear()
    {
        var accessToken = "ACCESS-" + Guid.NewGuid().ToString("N") + "==";
        await _files.CreateStore().SaveAsync(TestData.Alice, new HumanTokens("h1", accessToken, "p1", "c1"), Cancellation);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var bytes = string.Concat(Directory.GetFiles(_files.Directory, "*.db*").Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));

        Assert.Contains("h1", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain(accessToken, bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_of_an_earlier_sample_gains_the_v2_columns_and_its_rows_read_as_legacy_ones()
    {
        var legacy = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "c0ffee");
        await _files.CreateStore().SaveAsync(TestData.Alice, legacy, Cancellation);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_files.Directory, "tokens.db")}"))
        {
            // Back to the table an earlier sample created: no connect_version, no sources_connected.
            await connection.OpenAsync(Cancellation);
            await using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE human_tokens DROP COLUMN connect_version; ALTER TABLE human_tokens DROP COLUMN sources_connected;";
            await command.ExecuteNonQueryAsync(Cancellation);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var upgraded = _files.CreateStore();
        var v2 = HumanTokens.ForConnectV2("bobs-human", "bob-client", sourcesConnected: false);
        await upgraded.SaveAsync(TestData.Bob, v2, Cancellation);

        Assert.Equal(legacy, await upgraded.GetAsync(TestData.Alice, Cancellation));
        Assert.Equal(v2, await upgraded.GetAsync(TestData.Bob, Cancellation));
    }

    public void Dispose() => _files.Dispose();
}

/// <summary>A private database file and key ring per test class, deleted afterwards.</summary>
internal sealed class SqliteStoreFiles : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("hc-sqlite-").FullName;

    public SqliteHumanTokenStore CreateStore() => new(
        Options.Create(new SqliteTokenStoreOptions { DatabasePath = "tokens.db" }),
        DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(Directory, "keys"))),
        new HostingEnvironment { ContentRootPath = Directory, EnvironmentName = Environments.Development });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
