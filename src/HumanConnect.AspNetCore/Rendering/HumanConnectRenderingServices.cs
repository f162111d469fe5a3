using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>The services behind the tag helpers, registered by <c>AddHumanConnect</c>.</summary>
internal static class HumanConnectRenderingServices
{
    public static void AddHumanConnectRendering(this IServiceCollection services)
    {
        services.TryAddSingleton<HumanConnectEndpointLinks>();
        services.TryAddSingleton<HumanConnectAssetUrls>();
        services.TryAddSingleton<HumanConnectScripts>();
        services.TryAddScoped<HumanConnectPageState>();
        services.TryAddScoped<ConnectOptionsBuilder>();
        services.TryAddScoped<HumanConnectButtonRenderer>();
        services.TryAddScoped<HumanConnectDisconnectRenderer>();
        services.TryAddSingleton<ConnectV2EndpointLinks>();
        services.TryAddScoped<ConnectV2PageState>();
        services.TryAddScoped<ConnectV2ButtonRenderer>();
    }

    /// <summary>
    /// Resolves a rendering service from the request's scope. Tag helpers are public and their collaborators
    /// internal, so they look them up here rather than through a public constructor.
    /// </summary>
    /// <param name="httpContext">The request being rendered.</param>
    /// <param name="tagName">The tag helper asking, named in the error when the services are missing.</param>
    public static T Get<T>(HttpContext httpContext, string tagName)
        where T : notnull =>
        httpContext.RequestServices.GetService<T>()
        ?? throw new InvalidOperationException(
            $"Human Connect services are missing: call builder.Services.AddHumanConnect(...) before rendering <{tagName}>.");
}
