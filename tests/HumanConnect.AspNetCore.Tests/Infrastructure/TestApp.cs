using System.Net.Http.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A host app as a user of the library writes it: slim builder, test server, a header-driven test sign-in,
/// <c>AddHumanConnect</c> with its upstream pointed at a <see cref="StubUpstream"/>, <c>MapHumanConnect</c>, and
/// <c>GET /antiforgery</c> standing in for the page that renders the token.
/// <para>
/// Every test that starts one ends with <see cref="AssertCleanUpstreamAndNoLeaks"/>. The check is a step of the test,
/// not of <see cref="DisposeAsync"/>: thrown from an <c>await using</c> disposal, it would replace the message of a
/// test that had already failed. <see cref="EndOfTestChecksAttribute"/> fails a passing test that skipped it.
/// </para>
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    public const string OnlyBobPolicy = "OnlyBob";

    private readonly WebApplication _app;
    private readonly string _pathBase;
    private readonly List<string> _responses = [];

    private TestApp(WebApplication app, StubUpstream upstream, string pathBase)
    {
        _app = app;
        _pathBase = pathBase;
        Upstream = upstream;
        Client = new HttpClient(new ResponseRecorder(_responses) { InnerHandler = app.GetTestServer().CreateHandler() })
        {
            BaseAddress = app.GetTestServer().BaseAddress,
        };
        EndOfTestChecksAttribute.Track(this);
    }

    public StubUpstream Upstream { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    public IHumanTokenStore Store => _app.Services.GetRequiredService<IHumanTokenStore>();

    /// <summary>
    /// The claim the test sign-in puts the user id in, on every request of this app; NameIdentifier when null.
    /// </summary>
    public string? UserClaimType { get; set; }

    /// <summary>Whether <see cref="AssertCleanUpstreamAndNoLeaks"/> has run (passed or not).</summary>
    public bool EndOfTestCheckRan { get; private set; }

    /// <summary>Values that must appear in no response and no log record: the secret, the App Key and every access token.</summary>
    public HashSet<string> SecretValues { get; } = [TestData.ClientSecret, TestData.AppKey, TestData.AccessToken, TestData.OldAccessToken];

    /// <summary>Builds and starts the host. Options default to the test client id and secret and the stub's endpoints.</summary>
    /// <param name="options">Changes the options after the test defaults are set.</param>
    /// <param name="humanConnect">Further configuration of the returned <see cref="HumanConnectBuilder"/>.</param>
    /// <param name="services">Host registrations made after <c>AddHumanConnect</c>.</param>
    /// <param name="pathBase">When set, the host calls <c>app.UsePathBase</c> with it.</param>
    /// <param name="map">Maps the endpoints; <c>app.MapHumanConnect()</c> by default.</param>
    /// <param name="configuration">
    /// When set, the options come only from these configuration keys, through <c>AddHumanConnect(IConfiguration)</c>.
    /// </param>
    /// <param name="stubPrimaryHandler">
    /// <see langword="false"/> keeps the library's own primary handler, for tests against a real <see cref="FakeHumanApi"/>;
    /// <see cref="Upstream"/> then sees nothing.
    /// </param>
    public static async Task<TestApp> StartAsync(
        Action<HumanConnectOptions>? options = null,
        Action<HumanConnectBuilder>? humanConnect = null,
        Action<IServiceCollection>? services = null,
        string pathBase = "",
        Action<WebApplication>? map = null,
        IDictionary<string, string?>? configuration = null,
        bool stubPrimaryHandler = true)
    {
        var upstream = new StubUpstream();
        var builder = CreateBuilder();
        HumanConnectBuilder connect;
        if (configuration is null)
        {
            connect = builder.Services.AddHumanConnect(o =>
            {
                o.ClientId = TestData.ClientId;
                o.ClientSecret = TestData.ClientSecret;
                o.TokensEndpoint = TestData.TokensEndpoint;
                o.PublicTokensEndpoint = TestData.PublicTokensEndpoint;
                options?.Invoke(o);
            });
        }
        else
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            connect = builder.Services.AddHumanConnect(builder.Configuration.GetSection(HumanConnectDefaults.ConfigurationSection));
        }

        if (stubPrimaryHandler)
        {
            connect.UpstreamHttpClient.ConfigurePrimaryHttpMessageHandler(() => upstream);
        }

        humanConnect?.Invoke(connect);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (pathBase.Length > 0)
        {
            app.UsePathBase(pathBase);
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
        (map ?? (a => a.MapHumanConnect())).Invoke(app);

        await app.StartAsync(TestContext.Current.CancellationToken);
        return new TestApp(app, upstream, pathBase);
    }

    /// <summary>
    /// The host parts every test shares: test server, fake logging at Trace, test sign-in, an ephemeral key ring
    /// (nothing written to disk, nothing shared between tests), the in-memory token store allowed in Production. Used
    /// directly by tests that build their own host.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        // The slim builder's environment is Production, and these hosts keep tokens in the memory cache: one instance,
        // gone with the test, the case the opt-in is for. InMemoryTokenStoreTests start hosts without it.
        builder.Services.Configure<HumanConnectOptions>(options => options.AllowInMemoryTokenStore = true);
        TestAuthenticationHandler.Register(builder.Services);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(OnlyBobPolicy, policy => policy.RequireUserName(TestData.Bob));
        return builder;
    }

    public Task<HttpResponseMessage> FinishAsync(object body, string? user = TestData.Alice, Antiforgery antiforgery = Antiforgery.Valid) =>
        PostAsync("/connect/finish", JsonContent.Create(body), user, antiforgery);

    public Task<HttpResponseMessage> FinishFormAsync(IEnumerable<KeyValuePair<string, string>> fields, string? user = TestData.Alice) =>
        PostAsync("/connect/finish", new FormUrlEncodedContent(fields), user);

    public Task<HttpResponseMessage> PublicTokenAsync(string? user = TestData.Alice, Antiforgery antiforgery = Antiforgery.Valid) =>
        PostAsync("/connect/public-token", content: null, user, antiforgery);

    /// <summary>
    /// POSTs <paramref name="fields"/> as a form that also carries the antiforgery token in the
    /// <c>__RequestVerificationToken</c> field, with the cookie and no header: what human-connect.js sends when the
    /// host's <c>AntiforgeryOptions.HeaderName</c> is null.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormWithTokenFieldAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? user = TestData.Alice)
    {
        var tokens = await GetAntiforgeryAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, _pathBase + path)
        {
            Content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", tokens.RequestToken)]),
        };
        AddUser(request, user);
        request.Headers.Add("Cookie", tokens.Cookie);
        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>POSTs to <paramref name="path"/> (below the path base) as <paramref name="user"/> (anonymous when null).</summary>
    /// <param name="antiforgeryHeader">The header that carries the token: the default one unless the host renamed it.</param>
    public async Task<HttpResponseMessage> PostAsync(
        string path, HttpContent? content, string? user = TestData.Alice, Antiforgery antiforgery = Antiforgery.Valid,
        string antiforgeryHeader = "RequestVerificationToken")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _pathBase + path) { Content = content };
        AddUser(request, user);
        if (antiforgery != Antiforgery.None)
        {
            var tokens = await GetAntiforgeryAsync(antiforgery == Antiforgery.OtherUsersToken ? TestData.Bob : user);
            request.Headers.Add("Cookie", tokens.Cookie);
            if (antiforgery != Antiforgery.MissingHeader)
            {
                request.Headers.Add(antiforgeryHeader, antiforgery == Antiforgery.WrongToken ? "not-a-token" : tokens.RequestToken);
            }
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/> (below the path base) as <paramref name="user"/> (anonymous when null), with no body.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? user = TestData.Alice, string? cookie = null)
    {
        using var request = new HttpRequestMessage(method, _pathBase + path);
        AddUser(request, user);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await Client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>What the page would render for <paramref name="user"/>: the cookie (as a Cookie header value) and the request token.</summary>
    public async Task<(string Cookie, string RequestToken)> GetAntiforgeryAsync(string? user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _pathBase + "/antiforgery");
        AddUser(request, user);
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        // The test server keeps no cookies: carry the Set-Cookie over by hand.
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return (setCookie.Split(';')[0], token);
    }

    /// <summary>Every response so far, and every log record, that carries one of <see cref="SecretValues"/>.</summary>
    public IReadOnlyList<string> FindSecretLeaks()
    {
        List<string> responses;
        lock (_responses)
        {
            responses = [.. _responses];
        }

        return
        [
            .. SecretScan.FindIn("response", responses, SecretValues),
            .. SecretScan.FindIn("log record", Logs.GetSnapshot().Select(SecretScan.Describe), SecretValues),
        ];
    }

    /// <summary>
    /// The end-of-test check, the last line of every test that starts the app: fails if the stub saw a call nobody
    /// queued, a queued call never came, or a response or log record so far carried one of <see cref="SecretValues"/>.
    /// </summary>
    public void AssertCleanUpstreamAndNoLeaks()
    {
        EndOfTestCheckRan = true;
        var problems = new List<string>();
        problems.AddRange(Upstream.UnexpectedCalls.Select(call => $"unexpected upstream call {call}"));
        if (Upstream.PendingExpectations > 0)
        {
            problems.Add($"{Upstream.PendingExpectations} expected upstream call(s) never came");
        }

        problems.AddRange(FindSecretLeaks());
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    /// <summary>Stops the host. Never asserts: see <see cref="AssertCleanUpstreamAndNoLeaks"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }

    private void AddUser(HttpRequestMessage request, string? user)
    {
        if (user is not null)
        {
            request.Headers.Add(TestAuthenticationHandler.UserHeader, user);
            if (UserClaimType is not null)
            {
                request.Headers.Add(TestAuthenticationHandler.UserClaimHeader, UserClaimType);
            }
        }
    }
}
