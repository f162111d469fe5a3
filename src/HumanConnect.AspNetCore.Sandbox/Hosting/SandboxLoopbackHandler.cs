using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Hosting;

/// <summary>
/// Sends the library's calls to the sandbox over real loopback HTTP to this very app. The options name
/// <c>http://localhost{prefix}/v1/...</c> (the Connect endpoints, the data API, the Application API) because the port is unknown until the server listens (it may be
/// <c>0</c>); this handler swaps in the address the server actually bound, read from <see cref="IServerAddressesFeature"/>.
/// </summary>
internal sealed class SandboxLoopbackHandler(IServer server, string prefix, ILogger<SandboxLoopbackHandler> logger) : DelegatingHandler
{
    /// <summary>The placeholder authority the options carry.</summary>
    public const string PlaceholderHost = "localhost";

    private Uri? _serverRoot;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is { IsAbsoluteUri: true, Scheme: "http", Host: PlaceholderHost, IsDefaultPort: true }
            && uri.AbsolutePath.StartsWith(prefix + "/v1/", StringComparison.Ordinal))
        {
            var root = _serverRoot ??= FindServerRoot();
            if (root is null)
            {
                logger.NoServerAddress();
                throw new HttpRequestException(
                    "The Human API sandbox is reached over loopback HTTP, but the server has no listening address yet (or is not Kestrel).");
            }

            request.RequestUri = new UriBuilder(uri) { Scheme = root.Scheme, Host = root.Host, Port = root.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The first http address the server listens on (https only when there is none), with wildcard hosts made loopback.</summary>
    private Uri? FindServerRoot()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return null;
        }

        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.First();
        var binding = BindingAddress.Parse(chosen);
        var host = binding.Host switch
        {
            "0.0.0.0" or "+" or "*" or "localhost" => "127.0.0.1",
            "[::]" or "::" => "[::1]",
            var other => other,
        };
        return new UriBuilder(binding.Scheme, host, binding.Port).Uri;
    }
}
