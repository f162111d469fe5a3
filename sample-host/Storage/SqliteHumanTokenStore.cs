using HumanConnect.AspNetCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HumanConnect.SampleHost.Storage;

/// <summary>
/// A host's own <see cref="IHumanTokenStore"/>: one row per local user in a SQLite file. This is the pattern for
/// keeping tokens beside your user records: an upsert makes each save atomic, and the access token is encrypted
/// with Data Protection before it reaches the disk (the other columns are not secrets).
/// </summary>
public sealed class SqliteHumanTokenStore : IHumanTokenStore
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS human_tokens (
            local_user_id          TEXT NOT NULL PRIMARY KEY,
            human_id               TEXT NOT NULL,
            access_token_protected TEXT NOT NULL,
            public_token           TEXT NULL,
            client_user_id         TEXT NOT NULL,
            updated_at             TEXT NOT NULL
        );
        """;

    // Added for Connect v2: 0 = a legacy row (every row written before), 1 = a v2 row; sources_connected is null in legacy rows.
    private static readonly (string Name, string Definition)[] AddedColumns =
    [
        ("connect_version", "INTEGER NOT NULL DEFAULT 0"),
        ("sources_connected", "INTEGER NULL"),
    ];

    private readonly string _connectionString;
    private readonly IDataProtector _protector;
    private readonly Lock _schemaGate = new();
    private Task? _schema;

    /// <summary>Creates the store on the database file the options name (relative to the content root); the schema is created on first use.</summary>
    /// <param name="options">Where the database file is.</param>
    /// <param name="dataProtection">Encrypts the access token at rest.</param>
    /// <param name="environment">Its content root anchors a relative database path.</param>
    public SqliteHumanTokenStore(IOptions<SqliteTokenStoreOptions> options, IDataProtectionProvider dataProtection, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(environment);
        var path = Path.GetFullPath(options.Value.DatabasePath, environment.ContentRootPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
        _protector = dataProtection.CreateProtector("HumanConnect.SampleHost.SqliteHumanTokenStore.v1");
    }

    /// <inheritdoc/>
    public async Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT human_id, access_token_protected, public_token, client_user_id, connect_version, sources_connected
            FROM human_tokens WHERE local_user_id = $user
            """;
        command.Parameters.AddWithValue("$user", localUserId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new HumanTokens(
            reader.GetString(0),
            _protector.Unprotect(reader.GetString(1)),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetString(3))
        {
            ConnectVersion = (HumanConnectVersion)reader.GetInt32(4),
            SourcesConnected = reader.IsDBNull(5) || reader.GetBoolean(5),
        };
    }

    /// <inheritdoc/>
    public async Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        ArgumentNullException.ThrowIfNull(tokens);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO human_tokens (local_user_id, human_id, access_token_protected, public_token, client_user_id,
                                      connect_version, sources_connected, updated_at)
            VALUES ($user, $humanId, $accessToken, $publicToken, $clientUserId, $connectVersion, $sourcesConnected, $updatedAt)
            ON CONFLICT (local_user_id) DO UPDATE SET
                human_id = excluded.human_id,
                access_token_protected = excluded.access_token_protected,
                public_token = excluded.public_token,
                client_user_id = excluded.client_user_id,
                connect_version = excluded.connect_version,
                sources_connected = excluded.sources_connected,
                updated_at = excluded.updated_at
            """;
        command.Parameters.AddWithValue("$user", localUserId);
        command.Parameters.AddWithValue("$humanId", tokens.HumanId);
        command.Parameters.AddWithValue("$accessToken", _protector.Protect(tokens.AccessToken));
        command.Parameters.AddWithValue("$publicToken", (object?)tokens.PublicToken ?? DBNull.Value);
        command.Parameters.AddWithValue("$clientUserId", tokens.ClientUserId);
        command.Parameters.AddWithValue("$connectVersion", (int)tokens.ConnectVersion);
        command.Parameters.AddWithValue("$sourcesConnected",
            tokens.ConnectVersion == HumanConnectVersion.Legacy ? DBNull.Value : tokens.SourcesConnected);
        command.Parameters.AddWithValue("$updatedAt", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM human_tokens WHERE local_user_id = $user";
        command.Parameters.AddWithValue("$user", localUserId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync().WaitAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// The schema is created once and shared by concurrent first calls. A failed attempt (the disk was full, the
    /// file locked) is not kept: a cached faulted task would fail every call until the app restarts, so the next
    /// call tries again.
    /// </summary>
    private Task EnsureSchemaAsync()
    {
        // Once created, the schema is read without the lock: every store call passes here.
        if (_schema is { IsCompletedSuccessfully: true } created)
        {
            return created;
        }

        lock (_schemaGate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = CreateSchemaAsync();
            }

            return _schema;
        }
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync();

        // A database of an earlier sample lacks the v2 columns: SQLite has no ADD COLUMN IF NOT EXISTS, so look first.
        var existing = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        command.CommandText = "SELECT name FROM pragma_table_info('human_tokens')";
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in AddedColumns.Where(column => !existing.Contains(column.Name)))
        {
            command.CommandText = $"ALTER TABLE human_tokens ADD COLUMN {name} {definition}";
            await command.ExecuteNonQueryAsync();
        }
    }
}
