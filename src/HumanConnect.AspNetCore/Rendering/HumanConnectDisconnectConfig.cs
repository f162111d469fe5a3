namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// What one disconnect control tells <c>human-connect-disconnect.js</c>, in its <c>data-human-connect-disconnect</c>
/// attribute. Nothing secret: the endpoint's path and the page's antiforgery token.
/// </summary>
/// <param name="Url">Where to post (carries prefixes and PathBase).</param>
/// <param name="Antiforgery">The request token and how to send it.</param>
internal sealed record HumanConnectDisconnectConfig(string Url, HumanConnectClientAntiforgery Antiforgery)
{
    /// <summary>A question the browser asks (<c>window.confirm</c>) before disconnecting; absent to ask nothing.</summary>
    public string? Confirm { get; init; }

    /// <summary>Where the browser goes after a disconnect; absent to reload the page.</summary>
    public string? RedirectUrl { get; init; }
}
