namespace HumanConnect.AspNetCore;

/// <summary>Why a disconnect removed nothing.</summary>
public enum HumanDisconnectFailure
{
    /// <summary>No failure: the user was disconnected.</summary>
    None = 0,

    /// <summary>Nothing is stored for the user: they never connected, or were disconnected already.</summary>
    NotConnected,

    /// <summary>Human API's Application API refused the App Key (401 or 403). Check <see cref="HumanConnectOptions.AppKey"/>.</summary>
    AppKeyRejected,

    /// <summary>Human API refused the deletion otherwise (another 4xx).</summary>
    UpstreamRejected,

    /// <summary>Human API could not be reached, answered 5xx or a redirect, or the HTTP client's pipeline failed.</summary>
    UpstreamUnavailable,

    /// <summary>Human API did not answer within <see cref="HumanConnectOptions.UpstreamTimeout"/>.</summary>
    UpstreamTimeout,

    /// <summary>The token store, or the coordinator, failed.</summary>
    StoreUnavailable,

    /// <summary>Another request for the same user held the user's lock for too long; nothing changed.</summary>
    ConcurrentRequest,
}

/// <summary>The outcome of <see cref="IHumanConnections.DisconnectAsync"/>.</summary>
/// <param name="Failure">Why nothing was removed; <see cref="HumanDisconnectFailure.None"/> when the user was disconnected.</param>
/// <param name="HumanApiUserDeleted">
/// Whether Human API no longer knows the user (deleted now, or unknown to it already). <see langword="false"/> when
/// no App Key is configured: then only the stored tokens were removed, and Human API still knows the user.
/// </param>
public sealed record HumanDisconnectResult(HumanDisconnectFailure Failure, bool HumanApiUserDeleted)
{
    /// <summary>Whether the user was disconnected (their stored tokens removed).</summary>
    public bool Succeeded => Failure == HumanDisconnectFailure.None;
}
