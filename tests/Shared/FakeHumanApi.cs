using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// Human API's token endpoints on a real loopback Kestrel (a free port), shared as source by the test projects.
/// The fake for tests that need real HTTP between the library and its upstream: a whole host configured with
/// endpoint URLs (the sample host, a tag-helper host), or the library's own primary handler (what it does with a
/// redirect). In-process tests of the endpoints use the unit tests' <c>StubUpstream</c> instead, which also holds
/// them to the calls they expect.
/// <para>
/// <c>publictokens</c> answers <see cref="PublicTokensStatus"/>, with <see cref="IssuedPublicToken"/> for the humanId
/// asked on 200; <c>tokens</c> answers what <see cref="TokensAnswer"/> writes, 404 while it is unset; any other path
/// is 404. Every request is recorded.
/// </para>
/// </summary>
internal sealed class FakeHumanApi : IAsyncDisposable
{
    private const string TokensPath = "/v1/connect/tokens";
    private const string PublicTokensPath = "/v1/connect/publictokens";
    private const string ConnectTokenPath = "/v1/connect/token";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _requests = new();
    private readonly ConcurrentQueue<JsonElement> _publicTokensRequests = new();
    private readonly ConcurrentQueue<JsonElement> _connectTokenRequests = new();

    private FakeHumanApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri TokensEndpoint => new(BaseAddress, TokensPath);

    public Uri PublicTokensEndpoint => new(BaseAddress, PublicTokensPath);

    /// <summary>Connect v2's token endpoint.</summary>
    public Uri ConnectTokenEndpoint => new(BaseAddress, ConnectTokenPath);

    /// <summary>The JSON bodies Connect v2's token endpoint received, in order.</summary>
    public IReadOnlyList<JsonElement> ConnectTokenRequests => [.. _connectTokenRequests];

    /// <summary>
    /// What Connect v2's token endpoint answers for a token type (<c>session</c>, <c>id</c>, <c>access</c>): a JSON
    /// object on 200, or <see langword="null"/> for a 404. By default: <see cref="DefaultConnectTokenAnswer"/>.
    /// </summary>
    public Func<string, object?> ConnectTokenAnswer { get; set; } = DefaultConnectTokenAnswer;

    /// <summary>A session (for <see cref="TestData.HumanId"/>) or an id token; 404 for an access token (no source connected).</summary>
    public static object? DefaultConnectTokenAnswer(string type) => type switch
    {
        "session" => new Dictionary<string, object> { ["session_token"] = "FAKE-SESSION-TOKEN", ["human_id"] = TestData.HumanId, ["expires_in"] = 3600 },
        "id" => new Dictionary<string, object> { ["id_token"] = "FAKE-ID-TOKEN", ["id_token_expires_in"] = 3600 },
        _ => null,
    };

    /// <summary>Every request so far, to any path, as <c>METHOD /path</c>.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>The JSON bodies <c>publictokens</c> received, in order.</summary>
    public IReadOnlyList<JsonElement> PublicTokensRequests => [.. _publicTokensRequests];

    /// <summary>The status <c>publictokens</c> answers.</summary>
    public int PublicTokensStatus { get; set; } = StatusCodes.Status200OK;

    public string IssuedPublicToken { get; set; } = TestData.NewPublicToken;

    /// <summary>Writes the answer to <c>POST tokens</c>; while null, tokens is not expected and answers 404.</summary>
    public RequestDelegate? TokensAnswer { get; set; }

    public static async Task<FakeHumanApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeHumanApi(app);
        app.Use((context, next) =>
        {
            fake._requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            return next(context);
        });
        app.MapPost(TokensPath, context => fake.TokensAnswer?.Invoke(context) ?? NotFound(context));
        app.MapPost(PublicTokensPath, fake.AnswerPublicTokensAsync);
        app.MapPost(ConnectTokenPath, fake.AnswerConnectTokenAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        fake.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task AnswerPublicTokensAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        _publicTokensRequests.Enqueue(body);
        context.Response.StatusCode = PublicTokensStatus;
        if (PublicTokensStatus == StatusCodes.Status200OK)
        {
            await context.Response.WriteAsJsonAsync(
                new Dictionary<string, string?> { ["humanId"] = body.GetProperty("humanId").GetString(), ["publicToken"] = IssuedPublicToken },
                context.RequestAborted);
        }
    }

    private async Task AnswerConnectTokenAsync(HttpContext context)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body, cancellationToken: context.RequestAborted);
        _connectTokenRequests.Enqueue(body);
        var answer = ConnectTokenAnswer(body.GetProperty("type").GetString() ?? string.Empty);
        if (answer is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, object> { ["statusCode"] = 404, ["error"] = "Not Found" }, context.RequestAborted);
            return;
        }

        await context.Response.WriteAsJsonAsync(answer, context.RequestAborted);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
