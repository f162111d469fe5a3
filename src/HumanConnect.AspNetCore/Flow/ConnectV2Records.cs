using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Connect v2's calls to the token store: a failure is logged by exception type (a store's message can quote what it
/// was given) and answered <see cref="HumanConnectFailure.StoreUnavailable"/>, as in the legacy flow.
/// </summary>
internal sealed class ConnectV2Records(IHumanTokenStore store, IHumanConnectUserResolver users, ILogger<ConnectV2Records> logger)
{
    public async Task<HumanConnectOutcome> LoadAsync(string localUserId, CancellationToken cancellationToken)
    {
        try
        {
            return HumanConnectOutcome.Success(await store.GetAsync(localUserId, cancellationToken));
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            HumanConnectLog.StoreFailed(logger, "get", ex.GetType().Name);
            return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
        }
    }

    public async Task<HumanConnectOutcome> SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
    {
        try
        {
            await store.SaveAsync(localUserId, tokens, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            HumanConnectLog.StoreFailed(logger, "save", ex.GetType().Name);
            return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
        }

        HumanConnectLog.Stored(logger);
        return HumanConnectOutcome.Success(tokens);
    }

    /// <summary>
    /// The <c>client_user_id</c> the user's v2 tokens are minted for: the one a stored record names (the exact string
    /// the legacy flow used, for a user it connected), else the user resolver's.
    /// </summary>
    public string ClientUserIdOf(string localUserId, HumanTokens? record) =>
        string.IsNullOrEmpty(record?.ClientUserId) ? users.GetClientUserId(localUserId) : record.ClientUserId;

    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
