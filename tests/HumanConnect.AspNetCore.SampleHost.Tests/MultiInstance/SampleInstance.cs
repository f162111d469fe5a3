using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.SampleHost.Tests.MultiInstance;

/// <summary>
/// One instance of the sample host on real Kestrel (a free loopback port), configured only through settings, as
/// `dotnet run --project sample-host -- --Sample:Redis=...` would be, with a private data directory.
/// </summary>
internal sealed class SampleInstance : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hc-instance-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public SampleInstance(IDictionary<string, string?> settings)
    {
        _settings = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase) { ["Sample:DataDirectory"] = _dataDirectory };
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Uri RootUri
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // WebApplicationFactory may call this more than once.
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
