using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// What the default store leaves in the cache, written out independently of the library. Pinned on purpose: a
/// change to any of it would make the records already stored unfindable or unreadable.
/// </summary>
internal static class DefaultStoreLayout
{
    public const string KeyPrefix = "HumanConnect:tokens:v2:";

    /// <summary>The key scheme of earlier releases: the local user id in clear.</summary>
    public const string LegacyKeyPrefix = "HumanConnect:tokens:";

    public const string ProtectorPurpose = "HumanConnect.AspNetCore.TokenStore.v1";

    /// <summary>The key of a user's record: the prefix and the hex SHA-256 of a domain string and the id.</summary>
    public static string KeyOf(string localUserId) =>
        KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("HumanConnect.AspNetCore.TokenStore.Key.v2\n" + localUserId)));

    public static string LegacyKeyOf(string localUserId) => LegacyKeyPrefix + localUserId;

    /// <summary>
    /// Splits a record as the store writes it: layout byte 2, the humanId's UTF-8 length (4 bytes, big-endian), the
    /// humanId in clear, then the Data Protection payload of the whole record.
    /// </summary>
    public static (string HumanId, byte[] Payload) Split(byte[] record)
    {
        if (record.Length < 5 || record[0] != 2)
        {
            throw new InvalidOperationException("Not a layout-2 record.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(record.AsSpan(1, 4));
        return (Encoding.UTF8.GetString(record, 5, length), record[(5 + length)..]);
    }

    /// <summary>A record as an earlier release wrote it: the whole JSON record protected, nothing beside it.</summary>
    public static byte[] LegacyRecord(IDataProtectionProvider dataProtection, HumanTokens tokens) =>
        dataProtection.CreateProtector(ProtectorPurpose).Protect(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["version"] = 1,
            ["humanId"] = tokens.HumanId,
            ["accessToken"] = tokens.AccessToken,
            ["publicToken"] = tokens.PublicToken,
            ["clientUserId"] = tokens.ClientUserId,
        }));
}
