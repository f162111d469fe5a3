using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A SQLite database in a temporary file, deleted afterwards. A file rather than shared in-memory cache: separate
/// connections then contend the way separate app instances do (busy waits, not shared-cache table locks).
/// </summary>
public sealed class SqliteDatabase : TestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"hc-efcore-{Guid.NewGuid():N}.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString();

    public override void UseProvider(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

    public override ValueTask DisposeAsync()
    {
        foreach (var file in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
