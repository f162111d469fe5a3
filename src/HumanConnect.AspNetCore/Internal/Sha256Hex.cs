using System.Security.Cryptography;
using System.Text;

namespace HumanConnect.AspNetCore.Internal;

/// <summary>Lowercase hex SHA-256 of a string's UTF-8 bytes: opaque, stable, and safe in a URL unencoded.</summary>
internal static class Sha256Hex
{
    /// <summary>The hash of <paramref name="value"/>.</summary>
    public static string Of(string value) => Of(string.Empty, value);

    /// <summary>The hash of <paramref name="prefix"/> followed by <paramref name="value"/>, without concatenating them first.</summary>
    public static string Of(string prefix, string value)
    {
        var length = Encoding.UTF8.GetByteCount(prefix) + Encoding.UTF8.GetByteCount(value);
        var bytes = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(prefix, bytes);
        Encoding.UTF8.GetBytes(value, bytes[written..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexStringLower(hash);
    }
}
