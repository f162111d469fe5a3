using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The flow behind the endpoints and the button, and the only place that decides what is stored: exchange a
/// session token, or refresh a publicToken, check that Human API's answer belongs to this app and this user, and
/// only then store it. Every store call goes through here, so a store failure means the same thing everywhere.
/// </summary>
internal sealed class HumanConnectFlow(
    HumanApiClient humanApi,
    IHumanTokenStore store,
    IHumanConnectUserResolver users,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger<HumanConnectFlow> logger)
{
    /// <summary>
    /// Swaps the browser's session token for the user's tokens and stores them for <paramref name="localUserId"/>.
    /// The fields of <paramref name="sessionToken"/> must have been validated.
    /// </summary>
    public async Task<HumanConnectOutcome> FinishAsync(string localUserId, SessionTokenObject sessionToken, CancellationToken cancellationToken)
    {
        var answer = await humanApi.ExchangeAsync(sessionToken.HumanId!, sessionToken.ClientId!, sessionToken.SessionToken!, cancellationToken);
        if (!answer.Succeeded)
        {
            return HumanConnectOutcome.FailUpstream(answer.Failure);
        }

        var issued = answer.Value!;
        if (!string.Equals(issued.ClientId, options.CurrentValue.ClientId, StringComparison.Ordinal))
        {
            HumanConnectLog.ClientIdMismatch(logger);
            return HumanConnectOutcome.Fail(HumanConnectFailure.ClientIdMismatch);
        }

        // The browser chose the clientUserId Connect ran with; the signed-in user must be the one it names.
        var expectedClientUserId = users.GetClientUserId(localUserId);
        if (!string.Equals(issued.ClientUserId, expectedClientUserId, StringComparison.Ordinal))
        {
            HumanConnectLog.ClientUserMismatch(logger);
            return HumanConnectOutcome.Fail(HumanConnectFailure.ClientUserMismatch);
        }

        var tokens = new HumanTokens(issued.HumanId!, issued.AccessToken!, issued.PublicToken!, expectedClientUserId);
        return await SaveAsync(localUserId, tokens, cancellationToken);
    }

    /// <summary>Reads the user's record: its tokens, <see langword="null"/> tokens when none is stored, or <see cref="HumanConnectFailure.StoreUnavailable"/>.</summary>
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

    /// <summary>Reads the user's record and gives it a fresh publicToken from Human API.</summary>
    public async Task<HumanConnectOutcome> RefreshPublicTokenAsync(string localUserId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return loaded;
        }

        return loaded.Tokens is null
            ? HumanConnectOutcome.Fail(HumanConnectFailure.NotConnected)
            : await RefreshPublicTokenAsync(localUserId, loaded.Tokens, cancellationToken);
    }

    /// <summary>Gives an already loaded record a fresh publicToken from Human API, and stores it.</summary>
    public async Task<HumanConnectOutcome> RefreshPublicTokenAsync(string localUserId, HumanTokens stored, CancellationToken cancellationToken)
    {
        var answer = await humanApi.GetPublicTokenAsync(stored.HumanId, cancellationToken);
        if (!answer.Succeeded)
        {
            return HumanConnectOutcome.FailUpstream(answer.Failure);
        }

        if (!string.Equals(answer.Value!.HumanId, stored.HumanId, StringComparison.Ordinal))
        {
            HumanConnectLog.HumanIdMismatch(logger);
            return HumanConnectOutcome.FailUpstream(HumanApiFailureKind.InvalidResponse);
        }

        return await SaveAsync(localUserId, stored with { PublicToken = answer.Value.PublicToken }, cancellationToken);
    }

    private async Task<HumanConnectOutcome> SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken)
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

    /// <summary>A store failure is anything the store throws, except the caller giving up on the request.</summary>
    private static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;
}
