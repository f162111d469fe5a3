using System.Collections.Concurrent;
using System.Net.Http.Headers;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Stands in for Human API in process, as the upstream client's primary handler: the fake for the endpoint tests.
/// Every call must have been queued with <see cref="Expect"/>; any other call is recorded and thrown, so a test can
/// never pass while the library calls upstream behind its back. Tests that need real HTTP use <see cref="FakeHumanApi"/>.
/// </summary>
internal sealed class StubUpstream : HttpMessageHandler
{
    private readonly ConcurrentQueue<Expectation> _expected = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    /// <summary>Every request that reached the stub, in order, with its body read as text.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Calls nobody queued.</summary>
    public IReadOnlyList<string> UnexpectedCalls => [.. _unexpected];

    /// <summary>Queued calls that never came.</summary>
    public int PendingExpectations => _expected.Count;

    /// <summary>Queues one call: the next request must be <paramref name="method"/> <paramref name="url"/>.</summary>
    public StubUpstream Expect(HttpMethod method, Uri url, Responder respond)
    {
        _expected.Enqueue(new Expectation(method, url, respond));
        return this;
    }

    public StubUpstream ExpectTokens(Responder respond) => Expect(HttpMethod.Post, TestData.TokensEndpoint, respond);

    public StubUpstream ExpectPublicTokens(Responder respond) => Expect(HttpMethod.Post, TestData.PublicTokensEndpoint, respond);

    /// <summary>The only request that reached the stub.</summary>
    public RecordedRequest SingleRequest() => Assert.Single(Requests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, request.Content?.Headers.ContentType, body));

        if (!_expected.TryDequeue(out var expectation)
            || expectation.Method != request.Method
            || expectation.Url != request.RequestUri)
        {
            // Method and URL only: the body carries the client secret.
            var call = $"{request.Method} {request.RequestUri}";
            _unexpected.Enqueue(call);
            throw new InvalidOperationException($"Unexpected upstream call: {call}");
        }

        return await expectation.Respond(request, cancellationToken);
    }

    /// <summary>Answers one expected call.</summary>
    public delegate Task<HttpResponseMessage> Responder(HttpRequestMessage request, CancellationToken cancellationToken);

    private sealed record Expectation(HttpMethod Method, Uri Url, Responder Respond);
}

/// <summary>A request as the stub saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Url, MediaTypeHeaderValue? ContentType, string? Body);
