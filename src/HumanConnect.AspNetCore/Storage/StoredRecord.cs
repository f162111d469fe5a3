using System.Buffers.Binary;
using System.Text;

namespace HumanConnect.AspNetCore.Storage;

/// <summary>
/// The bytes the default store keeps per user: a layout byte, the humanId in clear, and the whole record protected
/// with Data Protection. <c>[2] [humanId length, 4 bytes big-endian] [humanId, UTF-8] [protected payload]</c>.
/// </summary>
/// <remarks>
/// The humanId sits outside the payload so that a record survives the loss of the key ring that protected it: the
/// store still knows who the user is at Human API, the button fetches a publicToken for that humanId, and the user
/// reconnects in edit mode instead of meeting "User Already Exists". A humanId opens nothing without the client
/// secret. It is not authenticated once the payload is unreadable; whoever can write the cache can swap whole
/// records anyway.
/// </remarks>
internal static class StoredRecord
{
    public const byte Layout = 2;

    private const int HeaderBytes = 1 + sizeof(int);

    public static byte[] Write(string humanId, byte[] protectedPayload)
    {
        var humanIdBytes = Encoding.UTF8.GetByteCount(humanId);
        var record = new byte[HeaderBytes + humanIdBytes + protectedPayload.Length];
        record[0] = Layout;
        BinaryPrimitives.WriteInt32BigEndian(record.AsSpan(1), humanIdBytes);
        Encoding.UTF8.GetBytes(humanId, record.AsSpan(HeaderBytes));
        protectedPayload.CopyTo(record.AsSpan(HeaderBytes + humanIdBytes));
        return record;
    }

    /// <summary>Splits a record; <see langword="false"/> when it is not in this layout or is cut short.</summary>
    public static bool TryRead(byte[] record, out string humanId, out byte[] protectedPayload)
    {
        humanId = string.Empty;
        protectedPayload = [];
        if (record.Length < HeaderBytes || record[0] != Layout)
        {
            return false;
        }

        var humanIdBytes = BinaryPrimitives.ReadInt32BigEndian(record.AsSpan(1));
        if (humanIdBytes < 0 || humanIdBytes > record.Length - HeaderBytes)
        {
            return false;
        }

        humanId = Encoding.UTF8.GetString(record, HeaderBytes, humanIdBytes);
        protectedPayload = record[(HeaderBytes + humanIdBytes)..];
        return true;
    }
}
