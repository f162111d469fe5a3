using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>Ready-made answers for <see cref="StubUpstream"/>.</summary>
internal static class UpstreamAnswers
{
    public static StubUpstream.Responder Json(object body, HttpStatusCode status = HttpStatusCode.OK) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = JsonContent.Create(body) });

    public static StubUpstream.Responder Text(HttpStatusCode status, string body, string mediaType = "text/plain") =>
        (_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });

    /// <summary>A body sent without a Content-Length, so the reader cannot refuse it up front.</summary>
    public static StubUpstream.Responder Unsized(string body) =>
        (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnsizedContent(Encoding.UTF8.GetBytes(body)) });

    /// <summary>Answers with whatever the request carried (its body included, so the client secret too).</summary>
    public static StubUpstream.Responder EchoRequest(HttpStatusCode status, string marker) =>
        async (request, cancellationToken) =>
        {
            var sent = await request.Content!.ReadAsStringAsync(cancellationToken);
            return new HttpResponseMessage(status) { Content = new StringContent($"{marker} you sent: {sent}", Encoding.UTF8, "application/json") };
        };

    public static StubUpstream.Responder Throw(Exception exception) => (_, _) => Task.FromException<HttpResponseMessage>(exception);

    /// <summary>Never answers: waits until the caller gives up.</summary>
    public static StubUpstream.Responder Hang() =>
        async (_, cancellationToken) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            throw new InvalidOperationException("unreachable");
        };

    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
