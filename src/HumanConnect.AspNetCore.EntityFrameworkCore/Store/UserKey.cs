using System.Security.Cryptography;
using System.Text;

namespace HumanConnect.AspNetCore.EntityFrameworkCore.Store;

/// <summary>The table's key for a local user: the lowercase hex SHA-256 of the id, so the id itself is never stored.</summary>
internal static class UserKey
{
    // Strict UTF-8: the lenient default maps every lone surrogate to U+FFFD, so two different ids could share a row.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Of(string localUserId) => Convert.ToHexStringLower(SHA256.HashData(StrictUtf8.GetBytes(localUserId)));
}
