using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// The sample host on real Kestrel, on a free loopback port, with its state in a private directory: exactly what
/// `dotnet run --project sample-host` serves, embedded sandbox included.
/// </summary>
public sealed class SampleHostServer : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory;
    private readonly bool _ownsDataDirectory;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _testServices;

    /// <param name="settings">Configuration to add to the sample's own.</param>
    /// <param name="dataDirectory">
    /// Where the sample keeps its SQLite store, keys and sandbox state; a private temporary directory (deleted on
    /// dispose) when <see langword="null"/>. Pass one to restart a sample on the data another one left.
    /// </param>
    /// <param name="testServices">
    /// Registrations made after the sample's own (a post-configuration that must win over <c>UseHumanApiSandbox</c>'s, a
    /// startup filter that serves a test asset).
    /// </param>
    public SampleHostServer(IDictionary<string, string?>? settings = null, string? dataDirectory = null, Action<IServiceCollection>? testServices = null)
    {
        _testServices = testServices;
        _ownsDataDirectory = dataDirectory is null;
        _dataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("hc-e2e-").FullName;
        _settings = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase)
        {
            ["Sample:DataDirectory"] = _dataDirectory,
        };
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The server's root URL, for example <c>http://127.0.0.1:41234</c>.</summary>
    public Uri RootUri
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
            return new Uri(address);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_testServices is not null)
        {
            builder.ConfigureTestServices(_testServices);
        }
    }

    /// <summary>Deletes a data directory the sample used, once its SQLite connections are closed.</summary>
    public static void DeleteDataDirectory(string dataDirectory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a closing connection: the temp directory is left for the OS to clean.
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_ownsDataDirectory)
        {
            DeleteDataDirectory(_dataDirectory);
        }
        else
        {
            // The next sample on this directory opens the files afresh, as a restarted process would.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
