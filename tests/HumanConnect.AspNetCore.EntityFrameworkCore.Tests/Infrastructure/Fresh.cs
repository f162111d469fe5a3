using System.Security.Cryptography;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>Random values per test, so tests sharing a database never meet each other's rows.</summary>
internal static class Fresh
{
    public static string UserId(string name = "user") => $"{name}-{Hex(8)}";

    /// <summary>Shaped like Human API's: hex ids, a long access token ending in '=' (which base64url never holds).</summary>
    public static HumanTokens Tokens() => new(Hex(12), "ACCESS-" + Hex(100) + "==", Hex(16), Hex(32));

    private static string Hex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
