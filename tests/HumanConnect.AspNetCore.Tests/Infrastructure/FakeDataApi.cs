using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Human API's data API on a real loopback Kestrel, for the data client's fault cases: every request is recorded
/// (path, query, the Authorization header), and <see cref="Answer"/> writes each answer, given the request's index,
/// so a test can misbehave on the first attempt and behave on the second. Unanswered paths are 404.
/// </summary>
internal sealed class FakeDataApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeDataRequest> _requests = new();
    private int _count;

    private FakeDataApi(WebApplication app) => _app = app;

    /// <summary>The data API's base, as <see cref="HumanConnectOptions.DataApiBaseUrl"/> takes it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<FakeDataRequest> Requests => [.. _requests];

    /// <summary>Writes the answer to request number <c>index</c> (0 first); 404 while unset.</summary>
    public Func<HttpContext, int, Task>? Answer { get; set; }

    public static async Task<FakeDataApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDataApi(app);
        app.Run(async context =>
        {
            var index = Interlocked.Increment(ref fake._count) - 1;
            fake._requests.Enqueue(new FakeDataRequest(
                context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty,
                context.Request.Headers.Authorization.ToString()));
            if (fake.Answer is { } answer)
            {
                await answer(context, index);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake.BaseUrl = new Uri(new Uri(address), "/v1/human/");
        return fake;
    }

    /// <summary>Writes <paramref name="json"/> with a status and headers.</summary>
    public static Task Json(HttpContext context, string json, int status = 200, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        return context.Response.WriteAsync(json, Encoding.UTF8, context.RequestAborted);
    }

    /// <summary>Answers a status with a plain body and headers.</summary>
    public static Task Status(HttpContext context, int status, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers.Append(name, value);
        }

        return context.Response.WriteAsync("refused", context.RequestAborted);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}

/// <summary>A request as the fake saw it.</summary>
internal sealed record FakeDataRequest(string Method, string Path, string Query, string Authorization);
