namespace HumanConnect.AspNetCore.EntityFrameworkCore;

/// <summary>
/// One row of the Human Connect token table: what Human API issued for one local user, as the Entity Framework
/// Core store keeps it. Add it to your <c>DbContext</c> with <c>modelBuilder.ApplyHumanConnectTokens()</c>; read
/// and write tokens through <see cref="IHumanTokenStore"/>, never through this type.
/// </summary>
/// <remarks>
/// The row holds no local user id in clear (its key is a hash of it) and no access token in clear (it is encrypted
/// with ASP.NET Core Data Protection). You may query the table, for example to count connected users or to find a
/// user by <see cref="HumanId"/>, but only the store creates or changes rows, so the members are read-only.
/// </remarks>
public sealed class HumanTokenRecord
{
    /// <summary>For Entity Framework Core, which materializes rows through the property setters.</summary>
    private HumanTokenRecord()
    {
    }

    internal HumanTokenRecord(string userKey) => UserKey = userKey;

    /// <summary>
    /// The primary key: the lowercase hex SHA-256 of the local user id (UTF-8), 64 characters. It finds a user's row
    /// without storing the id, which may be an email address. It hides the id from a casual reader of the table, not
    /// from someone who can guess it and hash the guess.
    /// </summary>
    public string UserKey { get; private set; } = string.Empty;

    /// <summary>Human API's id for the user; not a secret.</summary>
    public string HumanId { get; internal set; } = string.Empty;

    /// <summary>
    /// The access token, encrypted with Data Protection (purpose
    /// <c>HumanConnect.AspNetCore.EntityFrameworkCore.AccessToken.v1</c>, then this row's <see cref="UserKey"/>), so
    /// the ciphertext opens only with the application's key ring and only for this user's row. Unreadable once the key
    /// ring that wrote it is lost.
    /// </summary>
    public string ProtectedAccessToken { get; internal set; } = string.Empty;

    /// <summary>The publicToken that opens Connect in edit mode; not a secret. <see langword="null"/> when it was lost and must be fetched again.</summary>
    public string? PublicToken { get; internal set; }

    /// <summary>The <c>clientUserId</c> Human API confirmed for the user; not a secret.</summary>
    public string ClientUserId { get; internal set; } = string.Empty;

    /// <summary>
    /// Which Connect flow wrote the row: 0 for the legacy flow (and every row of an earlier release), 1 for Connect v2
    /// (<see cref="HumanConnectVersion"/>), whose rows hold no legacy token: an empty access token and no publicToken.
    /// </summary>
    public int ConnectVersion { get; internal set; }

    /// <summary>
    /// In a Connect v2 row, whether the user had data sources connected at the last sync; <see langword="null"/> in a
    /// legacy row (read as connected).
    /// </summary>
    public bool? SourcesConnected { get; internal set; }

    /// <summary>When the store last saved the row (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; internal set; }

    /// <summary>
    /// The optimistic concurrency token: 1 when the row is created, one more on every save. A save that read an older
    /// version than the table holds is refused by the database and tried again, so no save is lost or mixed with another.
    /// </summary>
    public long Version { get; internal set; }

    /// <summary>Keeps the ciphertext out of accidental logs; nothing here is secret, but it need not travel.</summary>
    /// <returns>The key, humanId and version.</returns>
    public override string ToString() => $"HumanTokenRecord {{ UserKey = {UserKey}, HumanId = {HumanId}, Version = {Version} }}";
}
