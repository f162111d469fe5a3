using System.Text.Json;
using System.Text.Unicode;
using HumanConnect.AspNetCore.Flow;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Reads a sessionTokenObject from JSON, strictly: an object whose <c>humanId</c>, <c>clientId</c> and
/// <c>sessionToken</c> are strings, each at most once. Field names match in any letter case, as the serializer's
/// web defaults did, so two names that differ only in case are the same field given twice, and refused: the
/// serializer would silently keep the last. Other fields are skipped, whatever they hold.
/// </summary>
internal static class SessionTokenJson
{
    private const string NotAnObject = "The body is not a JSON object with string fields humanId, clientId and sessionToken.";

    /// <summary>Parses <paramref name="json"/>; returns the problem's detail on failure, <see langword="null"/> on success.</summary>
    public static string? TryParse(ReadOnlySpan<byte> json, out SessionTokenObject sessionToken)
    {
        sessionToken = new SessionTokenObject(null, null, null);
        if (!Utf8.IsValid(json))
        {
            return UrlEncodedForm.InvalidUtf8;
        }

        string? humanId = null, clientId = null, token = null;
        var seen = Field.None;
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return NotAnObject;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = FieldOf(ref reader);
                reader.Read();
                if (field == Field.None)
                {
                    reader.Skip();
                    continue;
                }

                if ((seen & field) != 0)
                {
                    return $"{NameOf(field)} appears more than once; send each field once.";
                }

                seen |= field;
                if (reader.TokenType != JsonTokenType.String)
                {
                    return $"{NameOf(field)} must be a string.";
                }

                var value = reader.GetString();
                if (field == Field.HumanId)
                {
                    humanId = value;
                }
                else if (field == Field.ClientId)
                {
                    clientId = value;
                }
                else
                {
                    token = value;
                }
            }

            // Anything after the object (a second value, garbage) makes the reader throw here.
            if (reader.Read())
            {
                return NotAnObject;
            }
        }
        catch (JsonException)
        {
            return NotAnObject;
        }

        sessionToken = new SessionTokenObject(humanId, clientId, token);
        return null;
    }

    /// <summary>Which of the three fields the current property name is, compared without regard to case.</summary>
    private static Field FieldOf(ref Utf8JsonReader reader)
    {
        // A longer name, even fully \u-escaped, is none of the three.
        if (reader.ValueSpan.Length > 128)
        {
            return Field.None;
        }

        Span<char> name = stackalloc char[128];
        var length = reader.CopyString(name);
        name = name[..length];
        return name.Equals("humanId", StringComparison.OrdinalIgnoreCase) ? Field.HumanId
            : name.Equals("clientId", StringComparison.OrdinalIgnoreCase) ? Field.ClientId
            : name.Equals("sessionToken", StringComparison.OrdinalIgnoreCase) ? Field.SessionToken
            : Field.None;
    }

    private static string NameOf(Field field) => field switch
    {
        Field.HumanId => "humanId",
        Field.ClientId => "clientId",
        _ => "sessionToken",
    };

    [Flags]
    private enum Field
    {
        None = 0,
        HumanId = 1,
        ClientId = 2,
        SessionToken = 4,
    }
}
