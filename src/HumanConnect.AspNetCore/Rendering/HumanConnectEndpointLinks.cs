using HumanConnect.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The browser-facing paths of the endpoints <c>MapHumanConnect</c> mapped that pages post to, made by
/// <see cref="LinkGenerator"/> so that group prefixes and the request's PathBase are always right.
/// </summary>
internal sealed class HumanConnectEndpointLinks(HumanConnectEndpointNames names, LinkGenerator links)
{
    /// <summary>The finish path for the current request.</summary>
    public string Finish(HttpContext httpContext) => PathOf(httpContext, static names => names.Finish);

    /// <summary>The disconnect path for the current request.</summary>
    public string Disconnect(HttpContext httpContext) => PathOf(httpContext, static names => names.Disconnect);

    private string PathOf(HttpContext httpContext, Func<HumanConnectEndpointNames, string?> nameOf)
    {
        var name = nameOf(names);
        if (name is null)
        {
            // The names are recorded when the endpoints are built, which routing does lazily.
            _ = httpContext.RequestServices.GetService<EndpointDataSource>()?.Endpoints;
            name = nameOf(names);
        }

        return (name is null ? null : links.GetPathByName(httpContext, name))
            ?? throw new InvalidOperationException(
                "The Human Connect endpoints are not mapped, so the Connect button and the disconnect control have nowhere to post: "
                + "call app.MapHumanConnect() (or group.MapHumanConnect()) when building the app.");
    }
}
