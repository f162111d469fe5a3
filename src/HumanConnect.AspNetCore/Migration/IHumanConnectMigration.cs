namespace HumanConnect.AspNetCore;

/// <summary>
/// Moves users the legacy flow connected over to Connect v2, one local user at a time. Resolve it from a request or
/// service scope (it uses the token store, which may be scoped) and call it for each user your app knows.
/// </summary>
/// <remarks>
/// <para>
/// For a legacy record it asks Human API for a Connect v2 <c>access</c> token with the record's exact legacy
/// <c>clientUserId</c>. Human API issuing one means the user works in v2: the record is replaced, in one save, by a v2
/// record that keeps the humanId and clientUserId and holds no legacy token. A refusal (the user never connected a
/// source under that clientUserId in v2's eyes) leaves the record as it is: such a user is asked to start a v2
/// session the next time the button renders, and that session must name the same humanId, or the button stays disabled.
/// </para>
/// <para>
/// Safe to run twice (a v2 record is left alone) and safe to stop at any point: a record is either still legacy, and
/// is migrated by the next run, or already v2. Failures (Human API or the store unavailable) change nothing.
/// It works in either <see cref="HumanConnectOptions.ConnectVersion"/>, so it may run before the switch.
/// </para>
/// </remarks>
public interface IHumanConnectMigration
{
    /// <summary>Migrates one local user's record.</summary>
    /// <param name="localUserId">The host application's own id for the user, as the user resolver returns it.</param>
    /// <param name="cancellationToken">Cancels the migration; nothing is half-written.</param>
    /// <returns>What happened to the record.</returns>
    Task<HumanConnectMigrationResult> MigrateAsync(string localUserId, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="IHumanConnectMigration.MigrateAsync"/> did with one user's record.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="ErrorCode">
/// For <see cref="HumanConnectMigrationStatus.Failed"/>, why (a <see cref="HumanConnectErrorCodes"/> value such as
/// <c>store_unavailable</c> or <c>upstream_unavailable</c>); <see langword="null"/> otherwise.
/// </param>
public sealed record HumanConnectMigrationResult(HumanConnectMigrationStatus Status, string? ErrorCode = null);

/// <summary>The outcomes of migrating one user.</summary>
public enum HumanConnectMigrationStatus
{
    /// <summary>Human API issued a v2 access token: the record is now a v2 record, its humanId kept, its legacy tokens gone.</summary>
    Migrated,

    /// <summary>The record was a v2 record already; nothing was done.</summary>
    AlreadyMigrated,

    /// <summary>Nothing is stored for the user; nothing was done.</summary>
    NotStored,

    /// <summary>
    /// Human API refused a v2 access token for the legacy clientUserId. The record was left as it is; the user starts a
    /// v2 session on their next visit, which must name the stored humanId.
    /// </summary>
    NeedsSession,

    /// <summary>Human API or the store failed (see <see cref="HumanConnectMigrationResult.ErrorCode"/>); nothing changed. Run it again later.</summary>
    Failed,
}
