using HumanConnect.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The browser-facing paths of the endpoints <c>MapHumanConnect</c> mapped, made by <see cref="LinkGenerator"/>
/// so that group prefixes and the request's PathBase are always right.
/// </summary>
internal sealed class HumanConnectEndpointLinks(HumanConnectEndpointNames names, LinkGenerator links, IServiceProvider services)
{
    /// <summary>The finish path for the current request.</summary>
    public string Finish(HttpContext httpContext) => PathFor(httpContext, static n => n.Finish);

    /// <summary>The disconnect path for the current request.</summary>
    public string Disconnect(HttpContext httpContext) => PathFor(httpContext, static n => n.Disconnect);

    /// <summary>The options path for the current request.</summary>
    public string Options(HttpContext httpContext) => PathFor(httpContext, static n => n.Options);

    /// <summary>The options path under <paramref name="pathBase"/>, for a Blazor circuit, which has no request.</summary>
    public string Options(PathString pathBase) =>
        (Name(static n => n.Options) is { } name ? links.GetPathByName(name, values: null, pathBase) : null) ?? throw NotMapped();

    private string PathFor(HttpContext httpContext, Func<HumanConnectEndpointNames, string?> which) =>
        (Name(which) is { } name ? links.GetPathByName(httpContext, name) : null) ?? throw NotMapped();

    private string? Name(Func<HumanConnectEndpointNames, string?> which)
    {
        if (which(names) is { } name)
        {
            return name;
        }

        // The names are recorded when the endpoints are built, which routing does lazily.
        _ = services.GetService<EndpointDataSource>()?.Endpoints;
        return which(names);
    }

    private static InvalidOperationException NotMapped() => new(
        "The Human Connect endpoints are not mapped, so the Connect button and the disconnect control have nowhere to post: "
        + "call app.MapHumanConnect() (or group.MapHumanConnect()) when building the app.");
}
