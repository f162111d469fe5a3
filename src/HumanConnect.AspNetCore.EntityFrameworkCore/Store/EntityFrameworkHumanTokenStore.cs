using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Store;

/// <summary>
/// <see cref="IHumanTokenStore"/> on the host's own <typeparamref name="TContext"/>: one <see cref="HumanTokenRecord"/>
/// row per local user, the access token encrypted with Data Protection, saves guarded by the row's version.
/// </summary>
/// <remarks>
/// <para>
/// A save is "last writer wins", applied whole: it reads the row's version, then inserts the row or updates it only
/// where that version still stands. If another writer got there first (the update matched no row, or the insert was
/// refused by the key), it reads again and retries, up to <see cref="MaxSaveAttempts"/> times.
/// Each failed attempt means another save or removal for the same user committed in between, so this many attempts
/// are enough for that many concurrent writers of one user. Every committed save adds one to the version.
/// </para>
/// <para>
/// Saves go through <c>SaveChangesAsync</c>, as ASP.NET Identity's stores do, so changes the host left pending on the
/// same scoped context are saved with them. Reads and removals touch nothing else: they do not track, and a removal
/// is a single <c>DELETE</c>.
/// </para>
/// </remarks>
internal sealed class EntityFrameworkHumanTokenStore<TContext> : IHumanTokenStore, IDisposable
    where TContext : DbContext
{
    internal const string ProtectorPurpose = "HumanConnect.AspNetCore.EntityFrameworkCore.AccessToken.v1";
    internal const int MaxSaveAttempts = 32;

    private readonly TContext _context;
    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // A DbContext runs one operation at a time, while the store may be shared by concurrent callers in one scope.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public EntityFrameworkHumanTokenStore(TContext context, IDataProtectionProvider dataProtection, TimeProvider time, ILogger<EntityFrameworkHumanTokenStore<TContext>> logger)
    {
        _logger = logger;
        _context = context;
        _protector = dataProtection.CreateProtector(ProtectorPurpose);
        _time = time;
    }

    public async Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        var key = UserKey.Of(localUserId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var record = await Records().AsNoTracking().SingleOrDefaultAsync(row => row.UserKey == key, cancellationToken);
            return record is null ? null : Open(record, key);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The row's tokens. A row whose key is gone from the key ring reads as its humanId alone, so the button can heal
    /// it into edit mode; it stays in the table until a save replaces it, in case the key ring comes back.
    /// </summary>
    private HumanTokens Open(HumanTokenRecord record, string key)
    {
        HumanTokens tokens;
        try
        {
            tokens = new HumanTokens(record.HumanId, ProtectorFor(key).Unprotect(record.ProtectedAccessToken), record.PublicToken, record.ClientUserId);
        }
        catch (CryptographicException ex) when (HumanTokenStoreRecovery.IsKeyLost(ex))
        {
            EntityFrameworkStoreLog.RecordUnreadable(_logger);
            tokens = HumanTokenStoreRecovery.Unreadable(record.HumanId, record.ClientUserId);
        }

        // In clear, so a v2 row keeps what it is even when its (empty) access token can no longer be opened.
        return tokens with { ConnectVersion = (HumanConnectVersion)record.ConnectVersion, SourcesConnected = record.SourcesConnected ?? true };
    }

    public async Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        ArgumentNullException.ThrowIfNull(tokens);
        cancellationToken.ThrowIfCancellationRequested();
        var key = UserKey.Of(localUserId);
        var protectedAccessToken = ProtectorFor(key).Protect(tokens.AccessToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; !await TrySaveAsync(key, tokens, protectedAccessToken, attempt == MaxSaveAttempts, cancellationToken); attempt++)
            {
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RemoveAsync(string localUserId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        cancellationToken.ThrowIfCancellationRequested();
        var key = UserKey.Of(localUserId);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Unconditional: a removal wins over a save that read the row before it (that save retries and re-creates it).
            await Records().Where(row => row.UserKey == key).ExecuteDeleteAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>One attempt: <see langword="true"/> when saved, <see langword="false"/> when another writer won and the save must be tried again.</summary>
    private async Task<bool> TrySaveAsync(string key, HumanTokens tokens, string protectedAccessToken, bool lastAttempt, CancellationToken cancellationToken)
    {
        var records = Records();
        var version = await records.AsNoTracking().Where(row => row.UserKey == key)
            .Select(row => (long?)row.Version).SingleOrDefaultAsync(cancellationToken);

        var record = new HumanTokenRecord(key)
        {
            HumanId = tokens.HumanId,
            ProtectedAccessToken = protectedAccessToken,
            PublicToken = tokens.PublicToken,
            ClientUserId = tokens.ClientUserId,
            ConnectVersion = (int)tokens.ConnectVersion,
            SourcesConnected = tokens.ConnectVersion == HumanConnectVersion.Legacy ? null : tokens.SourcesConnected,
            UpdatedAt = _time.GetUtcNow(),
            Version = (version ?? 0) + 1,
        };
        // The host may have read this row with tracking; its instance would block ours, and is stale after this save anyway.
        if (records.Local.FindEntry(key) is { } tracked)
        {
            tracked.State = EntityState.Detached;
        }

        var entry = _context.Entry(record);
        if (version is null)
        {
            entry.State = EntityState.Added;
        }
        else
        {
            // Every column is written (a null publicToken too), and only where the version read above still stands.
            entry.State = EntityState.Modified;
            entry.Property(row => row.Version).OriginalValue = version.Value;
        }

        try
        {
            await _context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException ex) when (!lastAttempt && OnlyThis(ex, record))
        {
            // The row was saved again or removed since its version was read.
            return false;
        }
        catch (DbUpdateException ex) when (version is null && !lastAttempt && OnlyThis(ex, record) && MayBeAKeyConflict(ex)
                                            && _context.Database.CurrentTransaction is null)
        {
            // Most likely another writer inserted the row first, and the key refused ours; the next attempt reads it.
            // (Checking that the row exists would not do: a removal may already have deleted it again.) Inside the
            // host's transaction a refused insert may have aborted it (PostgreSQL does), so there is no retry there.
            return false;
        }
        finally
        {
            // Never leave a tracked record behind: the next call must read the table, not this instance.
            entry.State = EntityState.Detached;
        }
    }

    private static bool OnlyThis(DbUpdateException ex, HumanTokenRecord record) =>
        ex.Entries.All(failed => ReferenceEquals(failed.Entity, record));

    /// <summary>
    /// Whether a refused insert may be a duplicate key. Providers that report a SQLSTATE (PostgreSQL does) say so: class
    /// 23, integrity constraint violation. Where none is reported (SQLite), any refusal may be, and a failure that is
    /// not one repeats until the attempts run out, then surfaces.
    /// </summary>
    private static bool MayBeAKeyConflict(DbUpdateException ex) =>
        ex.InnerException is not DbException { SqlState: { } state } || state.StartsWith("23", StringComparison.Ordinal);

    private IDataProtector ProtectorFor(string key) => _protector.CreateProtector(key);

    private DbSet<HumanTokenRecord> Records() =>
        _context.Model.FindEntityType(typeof(HumanTokenRecord)) is not null
            ? _context.Set<HumanTokenRecord>()
            : throw new InvalidOperationException(
                $"{typeof(TContext).Name} has no Human Connect token table: call modelBuilder.ApplyHumanConnectTokens() in its " +
                "OnModelCreating, then add a migration (or create the schema).");
}
