using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Given to <see cref="HumanConnectEvents.OnConnected"/> once a connect's tokens are stored: a good moment to start
/// a data sync through the data client.
/// </summary>
public sealed class HumanConnectConnectedContext : HumanConnectEventContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="httpContext">The finish request.</param>
    /// <param name="localUserId">The signed-in user's id in the host application.</param>
    /// <param name="humanId">Human API's id for the user, as stored.</param>
    public HumanConnectConnectedContext(HttpContext httpContext, string localUserId, string humanId)
        : base(httpContext, localUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(humanId);
        HumanId = humanId;
    }

    /// <summary>Human API's id for the user, as stored.</summary>
    public string HumanId { get; }
}
