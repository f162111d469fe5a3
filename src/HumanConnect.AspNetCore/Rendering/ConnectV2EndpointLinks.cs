using HumanConnect.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>The browser-facing path of the sync endpoint <c>MapHumanConnect</c> mapped, by name through <see cref="LinkGenerator"/>.</summary>
internal sealed class ConnectV2EndpointLinks(HumanConnectEndpointNames names, LinkGenerator links)
{
    public string Sync(HttpContext httpContext)
    {
        if (names.Sync is null)
        {
            // The name is recorded when the endpoints are built, which routing does lazily.
            _ = httpContext.RequestServices.GetService<EndpointDataSource>()?.Endpoints;
        }

        return (names.Sync is { } name ? links.GetPathByName(httpContext, name) : null)
            ?? throw new InvalidOperationException(
                "The Human Connect endpoints are not mapped, so the Connect button has nowhere to report a change: "
                + "call app.MapHumanConnect() (or group.MapHumanConnect()) when building the app.");
    }
}
