using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 written byte by byte over a socket, for requests no HttpClient would send (broken chunked encoding, a
/// body that stops short), and a reader for the one response that comes back.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;

    private RawHttp(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    public static async Task<RawHttp> ConnectAsync(Uri address)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        return new RawHttp(socket);
    }

    /// <summary>The head of a POST of JSON to <paramref name="path"/>, with the framing headers given (blank line included).</summary>
    public static string Head(string path, params string[] framing) =>
        $"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n{string.Concat(framing.Select(header => header + "\r\n"))}\r\n";

    public Task SendAsync(string text) => SendAsync(Encoding.ASCII.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);

    /// <summary>Half-closes: the server sees the request end here, and can still answer.</summary>
    public void EndSending() => _socket.Shutdown(SocketShutdown.Send);

    /// <summary>Resets the connection, as a client that crashed or gave up would.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(enable: true, seconds: 0);
        _socket.Close();
    }

    /// <summary>Reads one response: status, headers and its body, framed by Content-Length, chunks, or the end of the connection.</summary>
    public async Task<RawResponse> ReadResponseAsync()
    {
        var reader = new StreamReader(_stream, Encoding.Latin1);
        var statusLine = await ReadLineAsync(reader) ?? throw new InvalidOperationException("The server closed the connection without answering.");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await ReadLineAsync(reader); !string.IsNullOrEmpty(line); line = await ReadLineAsync(reader))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var body = new StringBuilder();
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            for (var size = ParseChunkSize(await ReadLineAsync(reader)); size > 0; size = ParseChunkSize(await ReadLineAsync(reader)))
            {
                body.Append(await ReadExactlyAsync(reader, size));
                await ReadLineAsync(reader);
            }
        }
        else if (headers.TryGetValue("Content-Length", out var length))
        {
            body.Append(await ReadExactlyAsync(reader, int.Parse(length, System.Globalization.CultureInfo.InvariantCulture)));
        }
        else
        {
            body.Append(await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        }

        return new RawResponse(int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), headers, body.ToString());
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader) => await reader.ReadLineAsync(TestContext.Current.CancellationToken);

    private static int ParseChunkSize(string? line) =>
        int.Parse((line ?? throw new InvalidOperationException("The chunked answer ended early.")).Split(';')[0], System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> ReadExactlyAsync(StreamReader reader, int count)
    {
        var buffer = new char[count];
        var read = 0;
        while (read < count)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), TestContext.Current.CancellationToken);
            if (n == 0)
            {
                throw new InvalidOperationException("The answer ended early.");
            }

            read += n;
        }

        return new string(buffer);
    }
}

/// <summary>A response read off the socket.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
