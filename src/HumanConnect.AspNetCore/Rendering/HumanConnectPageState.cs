using HumanConnect.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Decides, once per request, how the Connect buttons of a page open: it reads the token store at most once,
/// however many buttons the page has, and heals a record that lost its publicToken before any button renders.
/// </summary>
/// <remarks>Scoped: one instance per request, so the cached answer never crosses users.</remarks>
internal sealed partial class HumanConnectPageState(
    IHumanConnectUserResolver users,
    IHumanTokenStore store,
    HumanConnectService connect,
    ILogger<HumanConnectPageState> logger)
{
    private Task<HumanConnectButtonState>? _state;

    /// <summary>The button state for the request's user; the first call does the work, later calls share it.</summary>
    public Task<HumanConnectButtonState> GetAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return _state ??= LoadAsync(httpContext);
    }

    private async Task<HumanConnectButtonState> LoadAsync(HttpContext httpContext)
    {
        var localUserId = users.GetLocalUserId(httpContext);
        if (localUserId is null)
        {
            return HumanConnectButtonState.SignedOut;
        }

        var clientUserId = users.GetClientUserId(localUserId);
        var cancellationToken = httpContext.RequestAborted;
        HumanTokens? stored;
        try
        {
            stored = await store.GetAsync(localUserId, cancellationToken);
        }
        catch (Exception ex) when (HumanConnectService.IsStoreFailure(ex, cancellationToken))
        {
            Log.StoreUnavailable(logger, ex.GetType().Name);
            return HumanConnectButtonState.Unavailable(clientUserId);
        }

        if (stored is null)
        {
            return HumanConnectButtonState.Create(clientUserId);
        }

        if (!string.IsNullOrEmpty(stored.PublicToken))
        {
            return HumanConnectButtonState.Edit(clientUserId, stored.PublicToken);
        }

        // A known humanId without a publicToken: create mode would hit "User Already Exists", so fetch one first.
        var healed = await connect.RefreshPublicTokenAsync(localUserId, stored, cancellationToken);
        if (!healed.Succeeded)
        {
            Log.HealFailed(logger, healed.Failure == HumanConnectFailure.Upstream ? $"Upstream{healed.UpstreamFailure}" : healed.Failure.ToString());
            return HumanConnectButtonState.Unavailable(clientUserId);
        }

        Log.Healed(logger);
        return HumanConnectButtonState.Edit(clientUserId, healed.Tokens!.PublicToken!);
    }

    private static partial class Log
    {
        // The type only: the store's exception message may quote what it holds.
        [LoggerMessage(40, LogLevel.Warning, "The Connect button is disabled: the Human Connect token store could not be read ({ExceptionType}).", EventName = "ButtonStoreUnavailable")]
        public static partial void StoreUnavailable(ILogger logger, string exceptionType);

        [LoggerMessage(41, LogLevel.Warning, "The Connect button is disabled: the user's lost publicToken could not be renewed ({Reason}).", EventName = "ButtonPublicTokenRenewalFailed")]
        public static partial void HealFailed(ILogger logger, string reason);

        [LoggerMessage(42, LogLevel.Information, "Renewed the user's lost publicToken before rendering the Connect button.", EventName = "ButtonPublicTokenRenewed")]
        public static partial void Healed(ILogger logger);
    }
}
