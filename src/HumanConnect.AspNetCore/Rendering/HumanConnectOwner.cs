using HumanConnect.AspNetCore.Internal;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The value <c>human-connect.js</c> stores next to Human API's resumable session, to notice when another user
/// signs in on the same browser. A hash, so the browser's storage names nobody.
/// </summary>
internal static class HumanConnectOwner
{
    private const string Purpose = "humanconnect-owner:";

    /// <summary>Lowercase hex SHA-256 of a fixed purpose string and the user's <c>clientUserId</c>.</summary>
    public static string For(string clientUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientUserId);
        return Sha256Hex.Of(Purpose, clientUserId);
    }
}
