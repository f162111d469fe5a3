using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Microsoft.Extensions.Primitives;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// A strict <c>application/x-www-form-urlencoded</c> parser. Unlike the framework's, which favours leniency, it
/// refuses what it cannot read exactly: bytes that are not UTF-8 (raw or percent-encoded: they would otherwise
/// become U+FFFD and reach Human API, burning the session token), broken percent-encoding, and a field given twice
/// (in any letter case), which would leave the endpoint to guess which value was meant.
/// </summary>
internal static class UrlEncodedForm
{
    public const string InvalidUtf8 = "The body is not valid UTF-8.";

    public static readonly string TooManyFields =
        $"The form has more than {HumanConnectRequestLimits.MaxFormFields} fields or a field name longer than {HumanConnectRequestLimits.MaxFormKeyLength} characters; post the sessionTokenObject's fields only.";

    private const string BadEscape = "The form's percent-encoding is broken.";
    private const string Repeated = "A form field appears more than once; send each field once.";

    /// <summary>Parses <paramref name="body"/>; returns the problem's detail on failure, <see langword="null"/> on success.</summary>
    public static string? TryParse(ReadOnlySpan<byte> body, out Dictionary<string, StringValues> fields)
    {
        fields = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        if (!Utf8.IsValid(body))
        {
            return InvalidUtf8;
        }

        var scratch = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
        try
        {
            foreach (var range in body.Split((byte)'&'))
            {
                var pair = body[range];
                if (pair.IsEmpty)
                {
                    continue;
                }

                var equals = pair.IndexOf((byte)'=');
                var value = string.Empty;
                var failure = Decode(equals < 0 ? pair : pair[..equals], scratch, out var key);
                failure ??= Decode(equals < 0 ? [] : pair[(equals + 1)..], scratch, out value);
                if (failure is not null)
                {
                    return failure;
                }

                if (fields.Count == HumanConnectRequestLimits.MaxFormFields || key.Length > HumanConnectRequestLimits.MaxFormKeyLength)
                {
                    return TooManyFields;
                }

                if (!fields.TryAdd(key, value))
                {
                    return Repeated;
                }
            }

            return null;
        }
        finally
        {
            // The scratch buffer held the session token.
            ArrayPool<byte>.Shared.Return(scratch, clearArray: true);
        }
    }

    /// <summary>Percent-decodes one key or value into UTF-8 text; returns the problem's detail when it is not exactly decodable.</summary>
    private static string? Decode(ReadOnlySpan<byte> encoded, byte[] scratch, out string text)
    {
        text = string.Empty;
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == (byte)'+')
            {
                b = (byte)' ';
            }
            else if (b == (byte)'%')
            {
                if (i + 2 >= encoded.Length || !TryHex(encoded[i + 1], out var high) || !TryHex(encoded[i + 2], out var low))
                {
                    return BadEscape;
                }

                b = (byte)((high << 4) | low);
                i += 2;
            }

            scratch[length++] = b;
        }

        var decoded = scratch.AsSpan(0, length);
        if (!Utf8.IsValid(decoded))
        {
            return InvalidUtf8;
        }

        text = Encoding.UTF8.GetString(decoded);
        return null;
    }

    private static bool TryHex(byte b, out int value)
    {
        value = b switch
        {
            >= (byte)'0' and <= (byte)'9' => b - '0',
            >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
            >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
