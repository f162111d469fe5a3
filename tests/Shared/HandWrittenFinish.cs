using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// The finish endpoints the library is measured against, shared as source by the benchmarks and the load host so
/// both compare with the same code. Written the way an integrator writes one from Human API's guide, with the
/// framework's defaults: minimal-API JSON binding, <c>PostAsJsonAsync</c>, the tokens stored as plain JSON in
/// <see cref="IDistributedCache"/>. Neither validates the fields beyond presence, encrypts, bounds the answer or
/// checks that the answer names the signed-in user: that is what the library adds on top.
/// </summary>
internal static class HandWrittenFinish
{
    /// <summary>Requires the signed-in user and validates antiforgery explicitly, as a careful integrator does.</summary>
    public const string CarefulPattern = "/careful/connect/finish";

    /// <summary>The same without those two checks: the cost of the exchange alone.</summary>
    public const string BarePattern = "/bare/connect/finish";

    private const string HttpClientName = "HandWrittenFinish.HumanApi";

    /// <summary>Registers the HTTP client both endpoints call Human API with; the caller picks its handler.</summary>
    public static IHttpClientBuilder AddHandWrittenFinish(this IServiceCollection services) => services.AddHttpClient(HttpClientName);

    /// <summary>Maps both endpoints; they post to <paramref name="tokensEndpoint"/> with <paramref name="clientSecret"/>.</summary>
    public static void MapHandWrittenFinishes(this IEndpointRouteBuilder endpoints, Uri tokensEndpoint, string clientSecret)
    {
        endpoints.MapPost(CarefulPattern, async (HttpContext httpContext, SessionTokenObject body, IAntiforgery antiforgery,
            IHttpClientFactory clients, IDistributedCache cache) =>
        {
            // A manual check rather than RequireAuthorization(): the cheaper of the two, so the comparison flatters nobody.
            var userId = httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier);
            if (userId is null)
            {
                return Results.Unauthorized();
            }

            try
            {
                await antiforgery.ValidateRequestAsync(httpContext);
            }
            catch (AntiforgeryValidationException)
            {
                return Results.BadRequest();
            }

            return await ExchangeAsync(httpContext, body, userId, clients, cache, tokensEndpoint, clientSecret);
        });

        endpoints.MapPost(BarePattern, (HttpContext httpContext, SessionTokenObject body, IHttpClientFactory clients, IDistributedCache cache) =>
            ExchangeAsync(httpContext, body, httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? body.HumanId ?? string.Empty,
                clients, cache, tokensEndpoint, clientSecret));
    }

    private static async Task<IResult> ExchangeAsync(HttpContext httpContext, SessionTokenObject body, string userId,
        IHttpClientFactory clients, IDistributedCache cache, Uri tokensEndpoint, string clientSecret)
    {
        if (string.IsNullOrEmpty(body.HumanId) || string.IsNullOrEmpty(body.ClientId) || string.IsNullOrEmpty(body.SessionToken))
        {
            return Results.BadRequest();
        }

        var cancellationToken = httpContext.RequestAborted;
        using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(
            tokensEndpoint, new TokensRequest(body.HumanId, body.ClientId, body.SessionToken, clientSecret), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }

        var tokens = await response.Content.ReadFromJsonAsync<TokensAnswer>(cancellationToken);
        if (tokens?.HumanId is null || tokens.PublicToken is null)
        {
            return Results.StatusCode(StatusCodes.Status502BadGateway);
        }

        await cache.SetAsync("tokens:" + userId, JsonSerializer.SerializeToUtf8Bytes(tokens), cancellationToken);
        return Results.Ok(new FinishAnswer(tokens.HumanId, tokens.PublicToken));
    }

    // Read and written by the framework's reflection-based JSON, the default a hand-written endpoint gets.
    public sealed record SessionTokenObject(string? HumanId, string? ClientId, string? SessionToken);

    public sealed record TokensRequest(string HumanId, string ClientId, string SessionToken, string ClientSecret);

    public sealed record TokensAnswer(string? HumanId, string? AccessToken, string? PublicToken, string? ClientId, string? ClientUserId);

    public sealed record FinishAnswer(string HumanId, string PublicToken);
}
