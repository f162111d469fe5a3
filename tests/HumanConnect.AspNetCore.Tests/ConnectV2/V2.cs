using System.Net;
using System.Security.Claims;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// Connect v2's test values and the host the v2 tests start: <see cref="TestApp"/> with <c>ConnectVersion = V2</c>, the
/// token endpoint on the <see cref="StubUpstream"/> (so every call is expected and counted), and v2's tokens added to
/// the values no response or log line may carry.
/// </summary>
internal static class V2
{
    public static readonly Uri TokenEndpoint = new("https://auth.upstream.test/v1/connect/token");

    public const string BaseUrl = "https://hapi-connect.upstream.test";
    public const string SessionToken = "SESSION-8c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f";
    public const string IdToken = "IDTOKEN-0f9e8d7c6b5a49382716fedcba987654";

    /// <summary>Access tokens are secrets: distinctive, so a leak is unmistakable.</summary>
    public static readonly string AccessToken = "V2ACCESS-" + new string('z', 180) + "Q7==";
    public static readonly string OtherAccessToken = "V2ACCESS2-" + new string('y', 180) + "R8==";

    public static Task<TestApp> StartAsync(
        Action<HumanConnectOptions>? options = null, Action<HumanConnectBuilder>? humanConnect = null, Action<IServiceCollection>? services = null)
        => StartCoreAsync(options, humanConnect, services);

    /// <summary>A v2 host whose store is <paramref name="store"/> (a singleton the test reads and fails at will).</summary>
    public static Task<TestApp> StartAsync(RecordingTokenStore store, Action<HumanConnectOptions>? options = null, Action<IServiceCollection>? services = null) =>
        StartCoreAsync(options, builder => builder.AddTokenStore(_ => store, ServiceLifetime.Singleton), services);

    private static async Task<TestApp> StartCoreAsync(
        Action<HumanConnectOptions>? options, Action<HumanConnectBuilder>? humanConnect, Action<IServiceCollection>? services)
    {
        var app = await TestApp.StartAsync(
            o =>
            {
                o.ConnectVersion = HumanConnectVersion.V2;
                o.ConnectTokenEndpoint = TokenEndpoint;
                o.ConnectClientBaseUrl = BaseUrl;
                options?.Invoke(o);
            },
            humanConnect,
            services);
        app.SecretValues.Add(AccessToken);
        app.SecretValues.Add(OtherAccessToken);
        return app;
    }

    /// <summary>Queues one call to the token endpoint.</summary>
    public static StubUpstream ExpectToken(this StubUpstream upstream, StubUpstream.Responder respond) =>
        upstream.Expect(HttpMethod.Post, TokenEndpoint, respond);

    public static StubUpstream.Responder Session(string humanId = TestData.HumanId, string token = SessionToken, int expiresIn = 3600) =>
        UpstreamAnswers.Json(new Dictionary<string, object> { ["session_token"] = token, ["human_id"] = humanId, ["expires_in"] = expiresIn });

    public static StubUpstream.Responder Id(string token = IdToken, int expiresIn = 3600) =>
        UpstreamAnswers.Json(new Dictionary<string, object> { ["id_token"] = token, ["id_token_expires_in"] = expiresIn });

    public static StubUpstream.Responder Access(string? token = null, int expiresIn = 86400) =>
        UpstreamAnswers.Json(new Dictionary<string, object>
        {
            ["access_token"] = token ?? AccessToken,
            ["expires_in"] = expiresIn,
            ["token_type"] = "Bearer",
            ["refresh_token"] = "REFRESH-not-used",
        });

    /// <summary>Human API's error body on its newer services, with a request id (and, as a trap, what was sent).</summary>
    public static StubUpstream.Responder Error(HttpStatusCode status, string requestId = "req-1234abcd") =>
        async (request, cancellationToken) =>
        {
            var sent = await request.Content!.ReadAsStringAsync(cancellationToken);
            var body = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["statusCode"] = (int)status,
                ["error"] = status.ToString(),
                ["message"] = "you sent " + sent,
                ["x-humanapi-request-id"] = requestId,
            });
            return new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        };

    /// <summary>The JSON bodies the token endpoint received, in order.</summary>
    public static IReadOnlyList<JsonElement> TokenRequests(this StubUpstream upstream) =>
        [.. upstream.Requests.Where(r => r.Url == TokenEndpoint).Select(r => JsonDocument.Parse(r.Body!).RootElement.Clone())];

    /// <summary>A request scope of <paramref name="app"/>, as a page render sees it, signed in as <paramref name="user"/>.</summary>
    public static HttpContext NewRequest(TestApp app, string? user, string? email = null)
    {
        var scope = app.Services.CreateScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        httpContext.Response.RegisterForDispose(scope);
        httpContext.Request.Scheme = "https";
        httpContext.Request.Host = new HostString("shop.example");
        httpContext.Request.Path = "/";
        if (user is not null)
        {
            List<Claim> claims = [new(ClaimTypes.NameIdentifier, user)];
            if (email is not null)
            {
                claims.Add(new Claim(ClaimTypes.Email, email));
            }

            httpContext.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
        }

        return httpContext;
    }

    /// <summary>Renders one <c>&lt;human-connect-button&gt;</c> on a fresh page for <paramref name="user"/>; the whole HTML, wrapper and scripts included.</summary>
    public static async Task<(TagHelperOutput Output, string Html)> RenderAsync(TestApp app, string? user, string? email = null)
    {
        var output = await ButtonHarness.RenderButtonAsync(NewRequest(app, user, email));
        return (output, ButtonHarness.Html(output));
    }

    /// <summary>Tokens a legacy finish stored, under a clientUserId the user resolver would not derive (an older integration's).</summary>
    public static HumanTokens LegacyRecord(string clientUserId = "legacy-user-42") =>
        new(TestData.HumanId, TestData.OldAccessToken, TestData.PublicToken, clientUserId);
}
