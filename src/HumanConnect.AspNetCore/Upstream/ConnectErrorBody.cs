using System.Text.Json;

namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// What may be read from an error answer of Connect v2's token endpoint: only Human API's request id, for the log
/// line an operator quotes to Human API's support. Newer Human API services answer
/// <c>{statusCode|code, error, message, "x-humanapi-request-id"}</c>, but nothing is documented, so the body is read
/// tolerantly (any shape, or none, is fine) and nothing else of it is kept: a message may echo what was sent.
/// </summary>
internal static class ConnectErrorBody
{
    private const string RequestIdName = "x-humanapi-request-id";
    private const int MaxRequestIdLength = 100;

    /// <summary>The request id from the header of that name, else from the body; <see langword="null"/> when neither has a plausible one.</summary>
    public static string? RequestId(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        if (response.Headers.TryGetValues(RequestIdName, out var values) && Plausible(values.FirstOrDefault()) is { } fromHeader)
        {
            return fromHeader;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRequestId = reader.ValueTextEquals(RequestIdName);
                if (!reader.Read())
                {
                    return null;
                }

                if (isRequestId && reader.TokenType == JsonTokenType.String)
                {
                    return Plausible(reader.GetString());
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON, or cut short: there is simply no request id to log.
        }

        return null;
    }

    /// <summary>
    /// Only a short value of letters, digits and <c>-_.:</c> is logged: the field comes from the network, and a log line
    /// must not carry whatever an answer put there.
    /// </summary>
    private static string? Plausible(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxRequestIdLength)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or ':'))
            {
                return null;
            }
        }

        return value;
    }
}
