using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.SampleHost.Tests.Rendering;

/// <summary>Human API's token endpoints on a real loopback Kestrel: publictokens answers what the test sets; tokens is never expected.</summary>
internal sealed class PublicTokensStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _calls;

    private PublicTokensStub(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Status { get; set; } = StatusCodes.Status200OK;

    public string IssuedPublicToken { get; } = "a95f4c3db8e8f3d0a1232767d6ae8399";

    public int Calls => Volatile.Read(ref _calls);

    public static async Task<PublicTokensStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new PublicTokensStub(app);
        app.MapPost("/v1/connect/publictokens", async (HttpContext context) =>
        {
            Interlocked.Increment(ref stub._calls);
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
            return stub.Status == StatusCodes.Status200OK
                ? Results.Json(new { humanId = body.GetProperty("humanId").GetString(), publicToken = stub.IssuedPublicToken })
                : Results.StatusCode(stub.Status);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        stub.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
