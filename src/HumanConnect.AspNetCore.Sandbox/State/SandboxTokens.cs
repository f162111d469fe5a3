using System.Buffers.Text;
using System.Security.Cryptography;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>Mints identifiers in the formats seen in Human API's real traffic, from a cryptographic generator.</summary>
internal static class SandboxTokens
{
    /// <summary>24 hex characters, like most real humanIds.</summary>
    public static string NewHumanId() => RandomNumberGenerator.GetHexString(24, lowercase: true);

    /// <summary>32 hex characters: publicTokens, session tokens and Connect sessions.</summary>
    public static string NewToken() => RandomNumberGenerator.GetHexString(32, lowercase: true);

    /// <summary>
    /// A long token with <c>=</c> padding, like real accessTokens (200+ characters), so that clients meet the
    /// same length and characters as in production.
    /// </summary>
    public static string NewAccessToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(160));

    /// <summary>
    /// A Connect v2 access token: 128 URL-safe Base64 characters, no padding, so it can never be mistaken for a legacy
    /// accessToken (which is padded and uses <c>+</c> and <c>/</c>).
    /// </summary>
    public static string NewConnectAccessToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(96));

    /// <summary>A Connect v2 refresh token: 48 hex characters. Human API issues them but nothing uses them today.</summary>
    public static string NewRefreshToken() => RandomNumberGenerator.GetHexString(48, lowercase: true);
}
