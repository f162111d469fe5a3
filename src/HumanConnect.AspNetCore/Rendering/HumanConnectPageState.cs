using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Decides, once per request, how the Connect buttons of a page open: it reads the token store at most once,
/// however many buttons the page has, and heals a record that lost its publicToken before any button renders.
/// </summary>
/// <remarks>Scoped: one instance per request, so the cached answer never crosses users.</remarks>
internal sealed class HumanConnectPageState(
    IHumanConnectUserResolver users,
    HumanConnectFlow flow,
    IOptionsMonitor<HumanConnectOptions> options,
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
        var loaded = await flow.LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            HumanConnectLog.ButtonStoreUnavailable(logger);
            return HumanConnectButtonState.Unavailable(clientUserId, connected: false);
        }

        var stored = loaded.Tokens;
        if (stored is null)
        {
            return HumanConnectButtonState.Create(clientUserId);
        }

        if (options.CurrentValue.ConnectVersion == HumanConnectVersion.V2)
        {
            // Connect v2 has no publicToken to heal: its button asks ConnectV2PageState; only "is a record stored" is
            // read here, for the disconnect control.
            return HumanConnectButtonState.StoredForConnectV2(clientUserId);
        }

        // An empty access token: Human API refused it (the data client cleared it) or its key was lost.
        var reconnect = stored.AccessToken.Length == 0;
        if (!string.IsNullOrEmpty(stored.PublicToken))
        {
            return HumanConnectButtonState.Edit(clientUserId, stored.PublicToken, reconnect);
        }

        // A known humanId without a publicToken: create mode would hit "User Already Exists", so fetch one first.
        var healed = await flow.RefreshPublicTokenAsync(httpContext, localUserId, stored);
        if (!healed.Succeeded)
        {
            HumanConnectLog.ButtonPublicTokenRenewalFailed(logger, healed.Failure.ToString());
            return HumanConnectButtonState.Unavailable(clientUserId, connected: true);
        }

        HumanConnectLog.ButtonPublicTokenRenewed(logger);
        return HumanConnectButtonState.Edit(clientUserId, healed.Tokens!.PublicToken!, healed.Tokens.AccessToken.Length == 0);
    }
}
