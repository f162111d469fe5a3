using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A real HTTP server (Kestrel) on a free loopback port, for the few tests that need the library's own primary
/// handler rather than a <see cref="StubUpstream"/>: what a real handler does with a redirect is the point there.
/// It records the method and path of every request it gets.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests;

    private LoopbackServer(WebApplication app, ConcurrentQueue<string> requests)
    {
        _app = app;
        _requests = requests;
        BaseAddress = new Uri(app.Urls.Single());
    }

    public Uri BaseAddress { get; }

    /// <summary>Every request so far, as <c>METHOD /path</c>.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    public static async Task<LoopbackServer> StartAsync(RequestDelegate respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new ConcurrentQueue<string>();
        app.Run(context =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            return respond(context);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new LoopbackServer(app, requests);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
