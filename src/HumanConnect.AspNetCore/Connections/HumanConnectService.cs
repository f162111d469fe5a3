using HumanConnect.AspNetCore.Endpoints;
using HumanConnect.AspNetCore.Upstream;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Connections;

/// <summary>
/// The flow behind the endpoints and the button: exchange a session token, or refresh a publicToken, check that
/// Human API's answer belongs to this app and this user, and only then store it.
/// </summary>
internal sealed partial class HumanConnectService(
    HumanApiClient humanApi,
    IHumanTokenStore store,
    IHumanConnectUserResolver users,
    IOptionsMonitor<HumanConnectOptions> options,
    ILogger<HumanConnectService> logger)
{
    /// <summary>Swaps the browser's session token for the user's tokens and stores them for <paramref name="localUserId"/>.</summary>
    public async Task<HumanConnectOutcome> FinishAsync(string localUserId, SessionTokenObject sessionToken, CancellationToken cancellationToken)
    {
        var answer = await humanApi.ExchangeAsync(sessionToken, cancellationToken);
        if (!answer.Succeeded)
        {
            return HumanConnectOutcome.FailUpstream(answer.Failure);
        }

        var issued = answer.Value!;
        if (!string.Equals(issued.ClientId, options.CurrentValue.ClientId, StringComparison.Ordinal))
        {
            Log.ClientIdMismatch(logger);
            return HumanConnectOutcome.Fail(HumanConnectFailure.ClientIdMismatch);
        }

        // The browser chose the clientUserId Connect ran with; the signed-in user must be the one it names.
        var expectedClientUserId = users.GetClientUserId(localUserId);
        if (!string.Equals(issued.ClientUserId, expectedClientUserId, StringComparison.Ordinal))
        {
            Log.ClientUserMismatch(logger);
            return HumanConnectOutcome.Fail(HumanConnectFailure.ClientUserMismatch);
        }

        var tokens = new HumanTokens(issued.HumanId!, issued.AccessToken!, issued.PublicToken!, expectedClientUserId);
        return await SaveAsync(localUserId, tokens, cancellationToken);
    }

    /// <summary>Reads the user's record and gives it a fresh publicToken from Human API.</summary>
    public async Task<HumanConnectOutcome> RefreshPublicTokenAsync(string localUserId, CancellationToken cancellationToken)
    {
        HumanTokens? stored;
        try
        {
            stored = await store.GetAsync(localUserId, cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex, cancellationToken))
        {
            Log.StoreFailed(logger, "get", ex.GetType().Name);
            return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
        }

        return stored is null
            ? HumanConnectOutcome.Fail(HumanConnectFailure.NotConnected)
            : await RefreshPublicTokenAsync(localUserId, stored, cancellationToken);
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
            Log.HumanIdMismatch(logger);
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
            Log.StoreFailed(logger, "save", ex.GetType().Name);
            return HumanConnectOutcome.Fail(HumanConnectFailure.StoreUnavailable);
        }

        Log.Stored(logger);
        return HumanConnectOutcome.Success(tokens);
    }

    /// <summary>A store failure is anything the store throws, except the caller giving up on the request.</summary>
    internal static bool IsStoreFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested;

    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Warning, "Human API issued tokens for another clientId than this app's; nothing was stored.", EventName = "ClientIdMismatch")]
        public static partial void ClientIdMismatch(ILogger logger);

        [LoggerMessage(21, LogLevel.Warning, "Human API issued tokens for another clientUserId than the signed-in user's; nothing was stored.", EventName = "ClientUserMismatch")]
        public static partial void ClientUserMismatch(ILogger logger);

        [LoggerMessage(22, LogLevel.Warning, "Human API answered publictokens for another humanId than the one asked for; nothing was stored.", EventName = "HumanIdMismatch")]
        public static partial void HumanIdMismatch(ILogger logger);

        // The exception's type only, never the exception: a database error can quote the values it was given,
        // and a save is given the access token.
        [LoggerMessage(23, LogLevel.Error, "The Human Connect token store failed to {Operation} ({ExceptionType}).", EventName = "StoreFailed")]
        public static partial void StoreFailed(ILogger logger, string operation, string exceptionType);

        [LoggerMessage(24, LogLevel.Information, "Stored the Human API tokens of the signed-in user.", EventName = "TokensStored")]
        public static partial void Stored(ILogger logger);
    }
}
