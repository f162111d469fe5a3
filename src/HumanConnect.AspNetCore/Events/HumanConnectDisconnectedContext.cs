using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Given to <see cref="HumanConnectEvents.OnDisconnected"/> once a user's record is removed: forget what you keep
/// of the user's health data, stop their syncs.
/// </summary>
public sealed class HumanConnectDisconnectedContext : HumanConnectEventContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="httpContext">The disconnect request.</param>
    /// <param name="localUserId">The signed-in user's id in the host application.</param>
    /// <param name="humanId">Human API's id the user had, or <see langword="null"/> when no record was stored.</param>
    public HumanConnectDisconnectedContext(HttpContext httpContext, string localUserId, string? humanId)
        : base(httpContext, localUserId) => HumanId = humanId;

    /// <summary>Human API's id the user had; <see langword="null"/> when nothing was stored for the user.</summary>
    public string? HumanId { get; }
}
