using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// <see cref="IHumanConnectMigration"/>: under the user's lock, a legacy record whose exact clientUserId Human API
/// issues a v2 <c>access</c> token for is replaced by a v2 record (one atomic save, so there is no half-migrated
/// record); the token is cached first, so stopping between the two leaves a legacy record the next run migrates.
/// </summary>
internal sealed class ConnectV2Migration(
    ConnectTokenClient tokens,
    ConnectTokenCache cache,
    ConnectV2Records records,
    UserLocks locks,
    ILogger<ConnectV2Migration> logger) : IHumanConnectMigration
{
    public async Task<HumanConnectMigrationResult> MigrateAsync(string localUserId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        var entered = await locks.EnterAsync(localUserId, UserLocks.NewOwner(), cancellationToken);
        if (entered.Lock is not { } userLock)
        {
            return Failed(entered.Failure);
        }

        await using (userLock)
        {
            var loaded = await records.LoadAsync(localUserId, cancellationToken);
            if (!loaded.Succeeded)
            {
                return Failed(loaded.Failure);
            }

            switch (loaded.Tokens)
            {
                case null:
                    return Done(HumanConnectMigrationStatus.NotStored);
                case { ConnectVersion: HumanConnectVersion.V2 }:
                    return Done(HumanConnectMigrationStatus.AlreadyMigrated);
            }

            var legacy = loaded.Tokens;

            // The exact string the legacy flow opened Connect with (Human API confirmed it at the exchange), not the
            // resolver's current rule, which a host may have changed since.
            var access = await tokens.MintAccessAsync(legacy.ClientUserId, cancellationToken);
            if (access.Failure == ConnectTokenFailure.NotFound)
            {
                return Done(HumanConnectMigrationStatus.NeedsSession);
            }

            if (!access.Succeeded)
            {
                return Failed(HumanConnectOutcome.FailUpstream(access.FailureKind).Failure);
            }

            await cache.SetAsync(ConnectTokenSlot.Access, localUserId, access.Token!, cancellationToken);
            var saved = await records.SaveAsync(localUserId, HumanTokens.ForConnectV2(legacy.HumanId, legacy.ClientUserId, sourcesConnected: true), cancellationToken);
            return saved.Succeeded ? Done(HumanConnectMigrationStatus.Migrated) : Failed(saved.Failure);
        }
    }

    private HumanConnectMigrationResult Done(HumanConnectMigrationStatus status)
    {
        HumanConnectLog.ConnectMigration(logger, status.ToString());
        return new HumanConnectMigrationResult(status);
    }

    private HumanConnectMigrationResult Failed(HumanConnectFailure failure)
    {
        HumanConnectLog.ConnectMigrationFailed(logger, failure.ToString());
        return new HumanConnectMigrationResult(HumanConnectMigrationStatus.Failed, failure switch
        {
            HumanConnectFailure.StoreUnavailable => HumanConnectErrorCodes.StoreUnavailable,
            HumanConnectFailure.ConcurrentRequest => HumanConnectErrorCodes.ConcurrentRequest,
            HumanConnectFailure.UpstreamRejected => HumanConnectErrorCodes.UpstreamRejected,
            HumanConnectFailure.UpstreamTimeout => HumanConnectErrorCodes.UpstreamTimeout,
            HumanConnectFailure.UpstreamInvalidResponse => HumanConnectErrorCodes.UpstreamInvalidResponse,
            _ => HumanConnectErrorCodes.UpstreamUnavailable,
        });
    }
}
