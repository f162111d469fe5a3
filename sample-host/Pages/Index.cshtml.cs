using HumanConnect.AspNetCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace HumanConnect.SampleHost.Pages;

/// <summary>The signed-in user's connection: what the store holds, with the access token never shown.</summary>
public sealed class IndexModel(IHumanTokenStore store, IHumanConnectUserResolver users, IOptionsMonitor<HumanConnectOptions> options) : PageModel
{
    public bool SignedIn { get; private set; }

    /// <summary>Whether the app runs Connect v2 (<c>--HumanConnect:ConnectVersion=V2</c>) rather than the legacy flow.</summary>
    public bool ConnectV2 => options.CurrentValue.ConnectVersion == HumanConnectVersion.V2;

    public HumanTokens? Connection { get; private set; }

    /// <summary>The access token is a secret: the page only says that one is stored, and how long it is.</summary>
    public string MaskedAccessToken => Connection is null ? string.Empty : $"•••••••• (stored encrypted, {Connection.AccessToken.Length} characters)";

    public Task OnGetAsync(CancellationToken cancellationToken) => RefreshConnectionAsync(cancellationToken);

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
