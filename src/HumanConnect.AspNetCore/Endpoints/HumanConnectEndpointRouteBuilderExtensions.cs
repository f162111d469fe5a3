using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.Endpoints;
using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Rendering;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Routing;

/// <summary>Maps the Human Connect endpoints.</summary>
public static class HumanConnectEndpointRouteBuilderExtensions
{
    private const string FinishPattern = "/connect/finish";
    private const string PublicTokenPattern = "/connect/public-token";
    private const string DisconnectPattern = "/connect/disconnect";
    private const string SyncPattern = "/connect/sync";

    // Every method but POST gets a 405 problem; OPTIONS is left to the host's CORS.
    private static readonly string[] OtherMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

    // The options route answers GET only.
    private static readonly string[] NotGet = [HttpMethods.Head, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Patch];

    /// <summary>
    /// Maps <c>POST /connect/finish</c> (the session-token exchange) and <c>POST /connect/public-token</c> (a fresh
    /// publicToken for a returning user) of the legacy flow, <c>POST /connect/sync</c> of Connect v2 (the server
    /// confirms with Human API what Connect changed), and for both flows <c>POST /connect/disconnect</c> (delete the
    /// user at Human API with the App Key, and their stored tokens) and <c>GET /connect/options</c> (the Connect options
    /// as JSON, for front ends that are not Razor). A flow's own endpoints answer <c>404 connect_version_mismatch</c>
    /// while <see cref="HumanConnectOptions.ConnectVersion"/> names the other flow. All demand a signed-in user, the
    /// POSTs a valid antiforgery token too, and answer <c>application/problem+json</c> with an <c>errorCode</c> on
    /// failure, a 405 one for any other method.
    /// </summary>
    /// <param name="endpoints">Where to map: the app, or a group such as <c>app.MapGroup("/health")</c>.</param>
    /// <returns>A builder for all the endpoints, to add conventions such as <c>RequireAuthorization</c> or <c>RequireRateLimiting</c>.</returns>
    /// <exception cref="InvalidOperationException"><c>AddHumanConnect</c> was not called.</exception>
    public static IEndpointConventionBuilder MapHumanConnect(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved now so that a host that forgot AddHumanConnect fails at start-up, not on the first request.
        var services = endpoints.ServiceProvider;
        var names = services.GetService<HumanConnectEndpointNames>()
            ?? throw new InvalidOperationException(
                "Human Connect services are missing: call builder.Services.AddHumanConnect(...) before app.MapHumanConnect().");
        var users = services.GetRequiredService<IHumanConnectUserResolver>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("HumanConnect.AspNetCore.Endpoints");
        var options = services.GetRequiredService<IOptionsMonitor<HumanConnectOptions>>();
        var handlers = new HumanConnectEndpoints(users, options, logger);
        var sync = new ConnectSyncEndpoint(users, logger);

        // The host's conventions go on the outer group, so they reach every endpoint; the checks only the POSTs need
        // go on the inner one.
        var group = endpoints.MapGroup(string.Empty).WithTags("HumanConnect");
        var connect = group.MapGroup(string.Empty)
            .AddEndpointFilter(new SignedInUserFilter(users))
            .AddEndpointFilter(new BodySizeFilter())
            .AddEndpointFilter(new AntiforgeryFilter(
                services.GetRequiredService<IAntiforgery>(), services.GetRequiredService<IOptions<AntiforgeryOptions>>(), logger))
            // The server's own limit as well, so no reader of the body, ours or a host's middleware, reads more.
            .WithMetadata(new RequestSizeLimitAttribute(HumanConnectRequestLimits.MaxBodyBytes))
            // No Accepts<T>(...) metadata on purpose: routing would then answer other content types with a bare 415
            // before the handler could answer its problem+json one.
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        connect.MapPost(FinishPattern, (HttpContext httpContext, [FromServices] HumanConnectFlow flow) => handlers.FinishAsync(httpContext, flow))
            .Produces<HumanConnectResult>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .AddEndpointFilter(new ConnectVersionFilter(HumanConnectVersion.Legacy, options, logger))
            .WithSummary("Exchanges Connect's session token for the signed-in user's Human API tokens.")
            .Add(builder => names.SetFinish(NameEndpoint(builder, "Finish")));

        connect.MapPost(PublicTokenPattern, (HttpContext httpContext, [FromServices] HumanConnectFlow flow) => handlers.PublicTokenAsync(httpContext, flow))
            .Produces<HumanConnectResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter(new ConnectVersionFilter(HumanConnectVersion.Legacy, options, logger))
            .WithSummary("Fetches a fresh publicToken for the signed-in user, who connected before.")
            .Add(builder => NameEndpoint(builder, "PublicToken"));

        // Connect v2: mapped in both modes, and answering 404 connect_version_mismatch in the legacy one, like the
        // legacy endpoints in v2, so that switching HumanConnect:ConnectVersion changes no mapping.
        connect.MapPost(SyncPattern, (HttpContext httpContext, [FromServices] ConnectV2Flow flow) => sync.SyncAsync(httpContext, flow))
            .Produces<ConnectSyncAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AddEndpointFilter(new ConnectVersionFilter(HumanConnectVersion.V2, options, logger))
            .WithSummary("Connect v2: confirms with Human API what Connect changed for the signed-in user, and stores it.")
            .Add(builder => names.SetSync(NameEndpoint(builder, "Sync")));

        connect.MapPost(DisconnectPattern, (HttpContext httpContext, [FromServices] HumanConnectFlow flow) => handlers.DisconnectAsync(httpContext, flow))
            .Produces<HumanConnectDisconnectAnswer>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Disconnects the signed-in user: deletes them at Human API with the App Key, and removes their stored tokens.")
            .Add(builder => names.SetDisconnect(NameEndpoint(builder, "Disconnect")));

        // A read: no body and no antiforgery token to check, only a signed-in user.
        group.MapGet(HumanConnectOptionsEndpoint.Pattern,
                (HttpContext httpContext, [FromServices] ConnectOptionsBuilder connectOptions) => HumanConnectOptionsEndpoint.GetAsync(httpContext, connectOptions))
            .AddEndpointFilter(new SignedInUserFilter(users, noStore: true))
            .Produces<HumanConnectClientConfig>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("The Connect options the button renders, for the signed-in user, under the schema human-connect-options/1.")
            .Add(builder => names.SetOptions(NameEndpoint(builder, "Options")));

        foreach (var pattern in (string[])[FinishPattern, PublicTokenPattern, DisconnectPattern, SyncPattern])
        {
            group.MapMethods(pattern, OtherMethods, HumanConnectEndpoints.MethodNotAllowed).ExcludeFromDescription();
        }

        group.MapMethods(HumanConnectOptionsEndpoint.Pattern, NotGet, HumanConnectOptionsEndpoint.MethodNotAllowed).ExcludeFromDescription();

        return new HumanConnectConventionBuilder(group);
    }

    /// <summary>Names the endpoint after its final route pattern, so that two mappings under different prefixes never collide.</summary>
    private static string NameEndpoint(EndpointBuilder builder, string endpoint)
    {
        var pattern = ((RouteEndpointBuilder)builder).RoutePattern.RawText;
        var name = $"{nameof(MapHumanConnect)}.{endpoint}-{pattern}";
        builder.Metadata.Add(new EndpointNameMetadata(name));
        return name;
    }

    /// <summary>Lets callers add conventions to the group without being able to map more endpoints into it.</summary>
    private sealed class HumanConnectConventionBuilder(IEndpointConventionBuilder inner) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention) => inner.Add(convention);

        public void Finally(Action<EndpointBuilder> finallyConvention) => inner.Finally(finallyConvention);
    }
}
