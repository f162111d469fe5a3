using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// A real app on loopback Kestrel (port 0), its logs captured, driven by real HttpClients: the host under both
/// <see cref="SandboxApp"/> (the sandbox alone) and <see cref="LibraryApp"/> (the library calling the sandbox).
/// </summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];

    private KestrelApp(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
    }

    public WebApplication App { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static async Task<KestrelApp> StartAsync(Action<WebApplicationBuilder> configureServices, Action<WebApplication> configureApp, string? contentRoot = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Trace);
        configureServices(builder);
        var app = builder.Build();
        try
        {
            configureApp(app);
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            // A test that expects start-up to fail must not leak the half-built app.
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new KestrelApp(app, new Uri(address));
    }

    /// <summary>A client of the app; with cookies when a test needs the antiforgery cookie to travel.</summary>
    public HttpClient CreateClient(bool cookies = false)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = cookies, AllowAutoRedirect = false }) { BaseAddress = Address };
        _clients.Add(client);
        return client;
    }

    /// <summary>Every log line written so far, formatted, for "nothing secret was logged" checks.</summary>
    public string AllLogText() =>
        string.Join('\n', Logs.GetSnapshot().Select(record => $"{record.Category} {record.Message} {record.Exception}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.DisposeAsync();
    }
}
