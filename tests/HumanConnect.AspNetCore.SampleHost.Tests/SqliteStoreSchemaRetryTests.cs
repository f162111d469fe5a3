using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Data.Sqlite;

namespace HumanConnect.AspNetCore.SampleHost.Tests;

/// <summary>A schema creation that failed once is tried again: a passing fault must not break the store until a restart.</summary>
public sealed class SqliteStoreSchemaRetryTests : IDisposable
{
    private readonly SqliteStoreFiles _files = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_the_first_schema_creation_fails_the_next_call_creates_it()
    {
        // A directory where the database file should be: SQLite cannot open it, until it is gone.
        var blocker = Directory.CreateDirectory(Path.Combine(_files.Directory, "tokens.db"));
        var store = _files.CreateStore();

        await Assert.ThrowsAsync<SqliteException>(() => store.GetAsync(TestData.Alice, Cancellation));
        blocker.Delete();
        var tokens = new HumanTokens(TestData.HumanId, "ACCESS-" + Guid.NewGuid().ToString("N") + "==", TestData.PublicToken, "c0ffee");
        await store.SaveAsync(TestData.Alice, tokens, Cancellation);

        Assert.Equal(tokens, await store.GetAsync(TestData.Alice, Cancellation));
    }

    public void Dispose() => _files.Dispose();
}
