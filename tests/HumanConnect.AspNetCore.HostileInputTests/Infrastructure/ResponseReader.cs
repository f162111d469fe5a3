using System.Globalization;
using System.Text;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Reads exactly one HTTP/1.1 answer off a stream, by its own framing (Content-Length, chunked, or the end of the
/// connection), so whatever the server does with the rest of the connection afterwards does not matter.
/// </summary>
internal sealed class ResponseReader
{
    private readonly Stream _stream;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private ResponseReader(Stream stream, CancellationToken cancellationToken)
    {
        _stream = stream;
        _cancellationToken = cancellationToken;
    }

    public static async Task<RawResponse> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new ResponseReader(stream, cancellationToken);
        while (true)
        {
            var statusLine = await reader.ReadLineAsync();
            var status = int.Parse(statusLine.Split(' ', 3)[1], CultureInfo.InvariantCulture);
            var headers = new List<KeyValuePair<string, string>>();
            for (var line = await reader.ReadLineAsync(); line.Length > 0; line = await reader.ReadLineAsync())
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }

            // An interim answer (100 Continue) precedes the real one.
            if (status is >= 100 and < 200)
            {
                continue;
            }

            var response = new RawResponse(status, headers, []);
            var body = status is 204 or 304 ? [] : await reader.ReadBodyAsync(response);
            return response with { Body = body };
        }
    }

    private async Task<byte[]> ReadBodyAsync(RawResponse head)
    {
        if (string.Equals(head.Header("Transfer-Encoding"), "chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var body = new MemoryStream();
            while (true)
            {
                var size = int.Parse((await ReadLineAsync()).Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while ((await ReadLineAsync()).Length > 0)
                    {
                        // Trailers: none are expected, none matter.
                    }

                    return body.ToArray();
                }

                body.Write(await ReadExactlyAsync(size));
                await ReadLineAsync();
            }
        }

        if (head.Header("Content-Length") is { } length)
        {
            return await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture));
        }

        // Neither framing: the body runs to the end of the connection.
        using var rest = new MemoryStream();
        rest.Write(_buffer, _start, _end - _start);
        while (await FillAsync(throwAtEnd: false))
        {
            rest.Write(_buffer, 0, _end);
        }

        _start = _end;
        return rest.ToArray();
    }

    private async Task<string> ReadLineAsync()
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end)
            {
                await FillAsync(throwAtEnd: true);
            }

            var b = _buffer[_start++];
            if (b == '\n')
            {
                return Encoding.Latin1.GetString([.. line]).TrimEnd('\r');
            }

            line.Add(b);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count)
    {
        var bytes = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end)
            {
                await FillAsync(throwAtEnd: true);
            }

            var take = Math.Min(count - filled, _end - _start);
            Array.Copy(_buffer, _start, bytes, filled, take);
            _start += take;
            filled += take;
        }

        return bytes;
    }

    private async Task<bool> FillAsync(bool throwAtEnd)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, _cancellationToken);
        if (_end == 0 && throwAtEnd)
        {
            throw new EndOfStreamException("The server closed the connection mid-answer.");
        }

        return _end > 0;
    }
}
