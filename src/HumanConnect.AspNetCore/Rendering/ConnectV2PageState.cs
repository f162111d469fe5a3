using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Internal;
using HumanConnect.AspNetCore.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// Connect v2's answer, once per request however many buttons the page has, to "what does the button open Connect
/// with": nobody signed in, a <c>session</c> or <c>id</c> token (from the cache, or minted), or nothing (disabled).
/// </summary>
/// <remarks>Scoped: one instance per request, so the answer never crosses users.</remarks>
internal sealed class ConnectV2PageState(IHumanConnectUserResolver users, ConnectV2Flow flow, ILogger<ConnectV2PageState> logger)
{
    private Task<ConnectV2ButtonState>? _state;

    public Task<ConnectV2ButtonState> GetAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return _state ??= LoadAsync(httpContext);
    }

    private async Task<ConnectV2ButtonState> LoadAsync(HttpContext httpContext)
    {
        if (users.GetLocalUserId(httpContext) is not { } localUserId)
        {
            return ConnectV2ButtonState.SignedOut;
        }

        var launch = await flow.GetLaunchAsync(localUserId, ConnectUserEmail.Of(httpContext.User), httpContext.RequestAborted);
        if (!launch.Succeeded && launch.Failure == HumanConnectFailure.StoreUnavailable)
        {
            HumanConnectLog.ButtonStoreUnavailable(logger);
        }

        return new ConnectV2ButtonState(SignedIn: true, launch);
    }
}

/// <summary>What the v2 button can offer the current visitor.</summary>
/// <param name="SignedIn">Whether someone is signed in.</param>
/// <param name="Launch">For a signed-in user: the token Connect opens with, or why there is none (the button is then disabled).</param>
internal sealed record ConnectV2ButtonState(bool SignedIn, ConnectLaunch Launch)
{
    public static readonly ConnectV2ButtonState SignedOut = new(false, default);
}
