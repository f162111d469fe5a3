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

        await Assert.ThrowsAsync<SqliteException>(() => store.GetAsync("alice", Cancellation));
        blocker.Delete();
        var tokens = new HumanTokens("52867cbede3155565f000a0d", "ACCESS-" + Guid.NewGuid().ToString("N") + "==", "2767d60ea95f4c3db8e8f3d0a1238302", "c0ffee");
        await store.SaveAsync("alice", tokens, Cancellation);

        Assert.Equal(tokens, await store.GetAsync("alice", Cancellation));
    }

    public void Dispose() => _files.Dispose();
}
