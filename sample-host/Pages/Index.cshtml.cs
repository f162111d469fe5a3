using HumanConnect.AspNetCore;
using HumanConnect.SampleHost.Dashboard;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HumanConnect.SampleHost.Pages;

/// <summary>
/// The signed-in user's health data, read through the data client, and their connection: what the store holds, with
/// the access token never shown.
/// </summary>
public sealed class IndexModel(IHumanTokenStore store, IHumanConnectUserResolver users, IHumanDataClient data, HealthDashboardReader dashboards,
    IOptionsMonitor<HumanConnectOptions> options) : PageModel
{
    public bool SignedIn { get; private set; }

    /// <summary>Whether the app runs Connect v2 (<c>--HumanConnect:ConnectVersion=V2</c>) rather than the legacy flow.</summary>
    public bool ConnectV2 => options.CurrentValue.ConnectVersion == HumanConnectVersion.V2;

    public HumanTokens? Connection { get; private set; }

    /// <summary>The connected user's recent data; <see langword="null"/> when nobody is connected.</summary>
    internal HealthDashboard? Dashboard { get; private set; }

    /// <summary>The access token is a secret: the page only says that one is stored, and how long it is.</summary>
    public string MaskedAccessToken => Connection switch
    {
        null => string.Empty,
        { AccessToken.Length: 0 } => "(none: Human API refused it, connect again)",
        _ => $"•••••••• (stored encrypted, {Connection.AccessToken.Length} characters)",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await RefreshConnectionAsync(cancellationToken);
        if (Connection is null || data.ForUser(HttpContext) is not { } user)
        {
            return;
        }

        // Read before any button renders: a refused token marks the record, and the buttons then say "connect again".
        Dashboard = await dashboards.ReadAsync(user, cancellationToken);
        if (Dashboard.ReconnectRequired || Dashboard.NotConnected)
        {
            await RefreshConnectionAsync(cancellationToken);
        }

        if (Connection is null || Dashboard.NotConnected)
        {
            Dashboard = null;
        }
    }

    /// <summary>
    /// Reads the signed-in user's connection from the store. The view calls it again after the first button when no
    /// publicToken was stored: the button has fetched and stored a fresh one by then.
    /// </summary>
    public async Task RefreshConnectionAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetLocalUserId(HttpContext);
        SignedIn = userId is not null;
        Connection = userId is null ? null : await store.GetAsync(userId, cancellationToken);
    }

    public async Task<IActionResult> OnPostForgetPublicTokenAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetLocalUserId(HttpContext);
        if (userId is null)
        {
            return Challenge();
        }

        var stored = await store.GetAsync(userId, cancellationToken);
        if (stored is not null)
        {
            await store.SaveAsync(userId, stored with { PublicToken = null }, cancellationToken);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostForgetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetLocalUserId(HttpContext);
        if (userId is null)
        {
            return Challenge();
        }

        await store.RemoveAsync(userId, cancellationToken);
        return RedirectToPage();
    }
}
