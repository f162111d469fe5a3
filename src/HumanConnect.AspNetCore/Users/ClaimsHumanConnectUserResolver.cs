using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Users;

/// <summary>The default <see cref="IHumanConnectUserResolver"/>: a claim for the local id, its SHA-256 for Connect.</summary>
internal sealed class ClaimsHumanConnectUserResolver(IOptionsMonitor<HumanConnectOptions> options) : IHumanConnectUserResolver
{
    public string? GetLocalUserId(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = httpContext.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var id = user.FindFirst(options.CurrentValue.UserIdClaimType)?.Value;
        return string.IsNullOrEmpty(id) ? null : id;
    }

    public string GetClientUserId(string localUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        return Sha256Hex.Of(localUserId);
    }
}
