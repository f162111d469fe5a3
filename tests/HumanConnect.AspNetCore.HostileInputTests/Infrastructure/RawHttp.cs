using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// HTTP/1.1 over a bare socket, for the abuse HttpClient refuses to produce: bodies that lie about their length,
/// broken chunking, raw bytes, bodies that trickle or stop. Sends the request's parts while reading the answer, so an
/// answer given before the body is complete (a 413 on a huge upload) is still read; reads the first answer only.
/// </summary>
internal static class RawHttp
{
    /// <summary>Long enough for a slow body to be timed out by Kestrel (about 1-3 s here), short enough to fail fast.</summary>
    public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(10);

    public static async Task<RawOutcome> ExchangeAsync(int port, RawRequest request)
    {
        using var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        var stream = client.GetStream();
        using var deadline = new CancellationTokenSource(AnswerDeadline);

        if (request.CloseAfterSending)
        {
            await SendAsync(stream, request, deadline.Token);
            // The client goes away mid-body: nobody reads an answer, the case judges only what the server did.
            client.Client.Shutdown(SocketShutdown.Both);
            return RawOutcome.ClosedByClient;
        }

        using var answered = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
        var reading = ResponseReader.ReadAsync(stream, deadline.Token);
        var sending = SendAsync(stream, request, answered.Token);
        RawOutcome outcome;
        try
        {
            outcome = new RawOutcome(await reading, null);
        }
        catch (OperationCanceledException)
        {
            outcome = new RawOutcome(null, $"no answer within {AnswerDeadline.TotalSeconds:0} s");
        }
        catch (Exception ex) when (ex is IOException or SocketException or EndOfStreamException)
        {
            outcome = new RawOutcome(null, $"the connection ended without a complete answer ({ex.GetType().Name}: {ex.Message})");
        }

        // Once answered, the rest of the body (a trickle, a huge upload) is of no interest; a server that stopped
        // reading may also have reset the connection under the writer.
        await answered.CancelAsync();
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
        }

        return outcome;
    }

    private static async Task SendAsync(NetworkStream stream, RawRequest request, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(request.Head, cancellationToken);
        foreach (var part in request.Parts)
        {
            if (part.Pace is { } pace)
            {
                // The abuse is the rate itself: one byte per tick, for as long as the server keeps reading.
                using var timer = new PeriodicTimer(pace);
                for (var i = 0; i < part.Bytes.Length; i++)
                {
                    await stream.WriteAsync(part.Bytes.AsMemory(i, 1), cancellationToken);
                    await timer.WaitForNextTickAsync(cancellationToken);
                }
            }
            else
            {
                await stream.WriteAsync(part.Bytes, cancellationToken);
            }
        }

        await stream.FlushAsync(cancellationToken);
    }
}

/// <summary>What came back: the first answer, or why there was none.</summary>
internal sealed record RawOutcome(RawResponse? Response, string? Failure)
{
    public static readonly RawOutcome ClosedByClient = new(null, null);

    public override string ToString() => Response?.ToString() ?? Failure ?? "(the client closed; no answer read)";
}

/// <summary>One HTTP/1.1 answer: status, headers in order, the decoded body.</summary>
internal sealed record RawResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) =>
        Headers.Where(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).FirstOrDefault();

    public override string ToString()
    {
        var body = BodyText;
        return $"{Status} Content-Type: {Header("Content-Type") ?? "(none)"}; Allow: {Header("Allow") ?? "(none)"}; " +
            $"body ({Body.Length} bytes): {(body.Length > 400 ? body[..400] + "..." : body)}";
    }
}
