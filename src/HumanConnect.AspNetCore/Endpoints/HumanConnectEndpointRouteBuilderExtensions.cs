using FluentValidation;
using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.Connections;
using HumanConnect.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Routing;

/// <summary>Maps the Human Connect endpoints.</summary>
public static class HumanConnectEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /connect/finish</c> (the session-token exchange) and <c>POST /connect/public-token</c> (a fresh
    /// publicToken for a returning user). Both demand a signed-in user and a valid antiforgery token, and answer
    /// <c>application/problem+json</c> with an <c>errorCode</c> on failure.
    /// </summary>
    /// <param name="endpoints">Where to map: the app, or a group such as <c>app.MapGroup("/health")</c>.</param>
    /// <returns>A builder for both endpoints, to add conventions such as <c>RequireAuthorization</c> or <c>RequireRateLimiting</c>.</returns>
    /// <exception cref="InvalidOperationException"><c>AddHumanConnect</c> was not called.</exception>
    public static IEndpointConventionBuilder MapHumanConnect(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // Resolved now so that a host that forgot AddHumanConnect fails at start-up, not on the first request.
        var services = endpoints.ServiceProvider;
        var names = services.GetService<HumanConnectEndpointNames>()
            ?? throw new InvalidOperationException(
                "Human Connect services are missing: call builder.Services.AddHumanConnect(...) before app.MapHumanConnect().");
        var signedIn = new SignedInUserFilter(services.GetRequiredService<IHumanConnectUserResolver>());
        var antiforgery = new AntiforgeryFilter(services.GetRequiredService<IAntiforgery>(), services.GetRequiredService<IOptions<AntiforgeryOptions>>());
        var validation = new SessionTokenValidationFilter(services.GetRequiredService<IValidator<SessionTokenObject>>());

        var group = endpoints.MapGroup(string.Empty);
        group.WithTags("HumanConnect")
            .AddEndpointFilter(signedIn)
            .AddEndpointFilter(new BodySizeFilter())
            .AddEndpointFilter(antiforgery)
            // Both endpoints: a host whose antiforgery token travels as a form field has the form read by the
            // antiforgery check, public-token's included, so that read is bounded too.
            .WithMetadata(new RequestSizeLimitAttribute(HumanConnectDefaults.MaxRequestBodyBytes))
            .WithFormOptions(bufferBody: false,
                valueCountLimit: SessionTokenBindingFilter.FormValueCountLimit, keyLengthLimit: SessionTokenBindingFilter.FormKeyLengthLimit,
                valueLengthLimit: HumanConnectDefaults.MaxRequestBodyBytes, multipartBodyLengthLimit: HumanConnectDefaults.MaxRequestBodyBytes)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status502BadGateway)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status504GatewayTimeout);

        group.MapPost(HumanConnectDefaults.FinishPattern,
                static (HttpContext httpContext, [FromServices] HumanConnectService connect) => HumanConnectEndpoints.FinishAsync(httpContext, connect))
            // JsonHttpResult, unlike Ok<T>, describes no response of its own.
            .Produces<HumanConnectResult>()
            .AddEndpointFilter(new SessionTokenBindingFilter())
            .AddEndpointFilter(validation)
            // No Accepts<T>(...) metadata on purpose: routing would then answer other content types with a bare 415
            // before the binding filter could answer its problem+json one.
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithSummary("Exchanges Connect's session token for the signed-in user's Human API tokens.")
            .Add(builder => names.SetFinish(NameEndpoint(builder, "Finish")));

        group.MapPost(HumanConnectDefaults.PublicTokenPattern,
                static (HttpContext httpContext, [FromServices] HumanConnectService connect) => HumanConnectEndpoints.PublicTokenAsync(httpContext, connect))
            .Produces<HumanConnectResult>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Fetches a fresh publicToken for the signed-in user, who connected before.")
            .Add(builder => names.SetPublicToken(NameEndpoint(builder, "PublicToken")));

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
