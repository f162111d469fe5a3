using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The URLs pages load the library's files (and app-relative scripts such as the sandbox's) from. A file of the
/// library is linked at its fingerprinted path (<c>human-connect.{fingerprint}.js</c>) when the host maps static
/// assets with <c>MapStaticAssets()</c>, which serves that path <c>immutable</c> for a year; with
/// <c>UseStaticFiles()</c> alone, at its plain path with a <c>?v=</c> content version.
/// </summary>
/// <remarks>
/// The fingerprints are read from the static asset endpoints themselves (their <see cref="StaticAssetDescriptor"/>),
/// so every file under <c>wwwroot</c> is resolved by name, whatever the host's page framework. The map is built on
/// first use and again whenever the endpoints change.
/// </remarks>
internal sealed class HumanConnectAssetUrls
{
    /// <summary>Where the Razor class library's files are served, relative to the app's root.</summary>
    public const string LibraryBasePath = "/_content/HumanConnect.AspNetCore/";

    private Fingerprints? _fingerprints;

    /// <summary>The URL of a file of the library's <c>wwwroot</c>, PathBase included.</summary>
    /// <param name="request">The request being rendered.</param>
    /// <param name="fileName">The file's name under <c>wwwroot</c>, such as <c>human-connect.js</c>.</param>
    public string LibraryFile(HttpRequest request, string fileName)
    {
        var label = LibraryBasePath[1..] + fileName;
        var route = CurrentFingerprints(request.HttpContext.RequestServices)?.RouteOf(label);
        return route is not null
            ? request.PathBase.ToUriComponent() + "/" + route
            : Versioned(request, request.PathBase.ToUriComponent() + LibraryBasePath + fileName);
    }

    /// <summary>
    /// A <c>?v=</c> version for a URL that has no fingerprinted path: a content hash from the framework's file version
    /// provider when the file is in the web root; otherwise (an endpoint such as the sandbox's script, or raw build
    /// output in Production) the library's release version, which still changes whenever the file can.
    /// </summary>
    /// <param name="request">The request being rendered.</param>
    /// <param name="path">The URL's path, PathBase included.</param>
    public static string Versioned(HttpRequest request, string path)
    {
        var versions = request.HttpContext.RequestServices.GetService<IFileVersionProvider>();
        var versioned = versions?.AddFileVersionToPath(request.PathBase, path);
        if (versioned is not null && !string.Equals(versioned, path, StringComparison.Ordinal))
        {
            return versioned;
        }

        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return $"{path}{separator}v={Uri.EscapeDataString(ReleaseVersion.Value)}";
    }

    private Fingerprints? CurrentFingerprints(IServiceProvider services)
    {
        var current = Volatile.Read(ref _fingerprints);
        if (current is not null && !current.Changed.HasChanged)
        {
            return current;
        }

        // No routing (a view rendered outside an endpoint app) means no static asset endpoints either.
        if (services.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return null;
        }

        // Two requests may build it at once; both results are equal, and the last one written wins.
        var built = Fingerprints.Read(endpoints);
        Volatile.Write(ref _fingerprints, built);
        return built;
    }

    /// <summary>The fingerprinted route of each of the library's files, as the static asset endpoints were when read.</summary>
    private sealed class Fingerprints(Dictionary<string, string> routes, IChangeToken changed)
    {
        public IChangeToken Changed { get; } = changed;

        public string? RouteOf(string label) => routes.GetValueOrDefault(label);

        public static Fingerprints Read(EndpointDataSource endpoints)
        {
            // The token first: a change while the endpoints are read then rebuilds the map on the next use.
            var changed = endpoints.GetChangeToken();
            var routes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var endpoint in endpoints.Endpoints)
            {
                // A selector (Content-Encoding) marks a compressed alternative of the same route: the plain one is enough.
                if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not { Selectors.Count: 0 } asset)
                {
                    continue;
                }

                string? label = null;
                var fingerprinted = false;
                foreach (var property in asset.Properties)
                {
                    if (string.Equals(property.Name, "label", StringComparison.OrdinalIgnoreCase))
                    {
                        label = property.Value;
                    }
                    else if (string.Equals(property.Name, "fingerprint", StringComparison.OrdinalIgnoreCase))
                    {
                        fingerprinted = true;
                    }
                }

                if (fingerprinted && label is not null && label.StartsWith(LibraryBasePath[1..], StringComparison.Ordinal))
                {
                    routes.TryAdd(label, asset.Route);
                }
            }

            return new Fingerprints(routes, changed);
        }
    }
}
