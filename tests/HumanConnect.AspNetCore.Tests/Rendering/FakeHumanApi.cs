using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Tests.Rendering;

/// <summary>Human API's publictokens endpoint on a real loopback Kestrel, answering what a test tells it to.</summary>
internal sealed class FakeHumanApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHumanApi(WebApplication app, Uri baseAddress)
    {
        _app = app;
        PublicTokensEndpoint = new Uri(baseAddress, "/v1/connect/publictokens");
        TokensEndpoint = new Uri(baseAddress, "/v1/connect/tokens");
    }

    public Uri PublicTokensEndpoint { get; }

    public Uri TokensEndpoint { get; }

    /// <summary>The status publictokens answers; 200 answers <see cref="IssuedPublicToken"/> for the humanId asked.</summary>
    public int PublicTokensStatus { get; set; } = StatusCodes.Status200OK;

    public string IssuedPublicToken { get; set; } = "a95f4c3db8e8f3d0a1232767d6ae8399";

    public ConcurrentQueue<JsonElement> PublicTokensRequests { get; } = new();

    public static async Task<FakeHumanApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeHumanApi? fake = null;
        app.MapPost("/v1/connect/publictokens", async (HttpContext context) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
            fake!.PublicTokensRequests.Enqueue(body);
            if (fake.PublicTokensStatus != StatusCodes.Status200OK)
            {
                return Results.StatusCode(fake.PublicTokensStatus);
            }

            return Results.Json(new { humanId = body.GetProperty("humanId").GetString(), publicToken = fake.IssuedPublicToken });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        fake = new FakeHumanApi(app, new Uri(address));
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
