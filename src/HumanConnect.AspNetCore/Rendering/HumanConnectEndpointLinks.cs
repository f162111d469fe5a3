using HumanConnect.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The browser-facing path of the finish endpoint <c>MapHumanConnect</c> mapped, made by <see cref="LinkGenerator"/>
/// so that group prefixes and the request's PathBase are always right.
/// </summary>
internal sealed class HumanConnectEndpointLinks(HumanConnectEndpointNames names, LinkGenerator links)
{
    /// <summary>The finish path for the current request.</summary>
    public string Finish(HttpContext httpContext)
    {
        var name = names.Finish;
        if (name is null)
        {
            // The name is recorded when the endpoints are built, which routing does lazily.
            _ = httpContext.RequestServices.GetService<EndpointDataSource>()?.Endpoints;
            name = names.Finish;
        }

        return (name is null ? null : links.GetPathByName(httpContext, name))
            ?? throw new InvalidOperationException(
                "The Human Connect endpoints are not mapped, so the Connect button has nowhere to send the session token: "
                + "call app.MapHumanConnect() (or group.MapHumanConnect()) when building the app.");
    }
}
