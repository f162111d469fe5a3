using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.Tests.Rendering;

/// <summary>
/// A host app built the way a real one is (<c>AddHumanConnect</c>, <c>MapHumanConnect</c> under a group), whose
/// upstream is a <see cref="FakeHumanApi"/> on loopback. Each <see cref="NewRequest"/> is one request scope.
/// </summary>
internal sealed class ButtonHarness : IAsyncDisposable
{
    private readonly List<IServiceScope> _scopes = [];

    private ButtonHarness(WebApplication app, FakeHumanApi humanApi, RecordingTokenStore store)
    {
        App = app;
        HumanApi = humanApi;
        Store = store;
    }

    public WebApplication App { get; }

    public FakeHumanApi HumanApi { get; }

    public RecordingTokenStore Store { get; }

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public static async Task<ButtonHarness> StartAsync(
        Action<HumanConnectOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool mapEndpoints = true,
        Action<WebApplication>? configureApp = null)
    {
        var humanApi = await FakeHumanApi.StartAsync();
        var store = new RecordingTokenStore();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddFakeLogging();
        builder.Services.AddHumanConnect(options =>
            {
                options.ClientId = TestData.ClientId;
                options.ClientSecret = TestData.ClientSecret;
                options.TokensEndpoint = humanApi.TokensEndpoint;
                options.PublicTokensEndpoint = humanApi.PublicTokensEndpoint;
                configure?.Invoke(options);
            })
            .AddTokenStore(_ => store, ServiceLifetime.Singleton);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (mapEndpoints)
        {
            app.MapGroup("/health").MapHumanConnect();
        }

        configureApp?.Invoke(app);

        // Starting builds the pipeline, which is when routing publishes the endpoints to LinkGenerator.
        await app.StartAsync(TestContext.Current.CancellationToken);

        return new ButtonHarness(app, humanApi, store);
    }

    /// <summary>A request to <c>https://shop.example/base/</c>, signed in as <paramref name="localUserId"/> unless it is null.</summary>
    public HttpContext NewRequest(string? localUserId)
    {
        var scope = App.Services.CreateScope();
        _scopes.Add(scope);
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        httpContext.Request.Scheme = "https";
        httpContext.Request.Host = new HostString("shop.example");
        httpContext.Request.PathBase = "/base";
        httpContext.Request.Path = "/";
        if (localUserId is not null)
        {
            httpContext.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, localUserId)], "Test"));
        }

        return httpContext;
    }

    public static async Task<TagHelperOutput> RenderButtonAsync(
        HttpContext httpContext,
        Action<HumanConnectButtonTagHelper>? configure = null,
        string? childHtml = null,
        TagHelperAttributeList? attributes = null)
    {
        var helper = new HumanConnectButtonTagHelper { ViewContext = new ViewContext { HttpContext = httpContext } };
        configure?.Invoke(helper);
        var output = NewOutput("human-connect-button", attributes, childHtml);
        await helper.ProcessAsync(NewContext("human-connect-button", output.Attributes), output);
        return output;
    }

    public static async Task<TagHelperOutput> RenderDisconnectAsync(
        HttpContext httpContext, Action<HumanConnectDisconnectTagHelper>? configure = null, string? childHtml = null, TagHelperAttributeList? attributes = null)
    {
        var helper = new HumanConnectDisconnectTagHelper { ViewContext = new ViewContext { HttpContext = httpContext } };
        configure?.Invoke(helper);
        var output = NewOutput("human-connect-disconnect", attributes, childHtml);
        await helper.ProcessAsync(NewContext("human-connect-disconnect", output.Attributes), output);
        return output;
    }

    public static TagHelperOutput RenderScripts(HttpContext httpContext, string? nonce = null)
    {
        var helper = new HumanConnectScriptsTagHelper { ViewContext = new ViewContext { HttpContext = httpContext }, Nonce = nonce };
        var output = NewOutput("human-connect-scripts", null, null);
        output.TagMode = TagMode.SelfClosing;
        helper.Process(NewContext("human-connect-scripts", output.Attributes), output);
        return output;
    }

    public static string Html(IHtmlContent content, HtmlEncoder? encoder = null)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, encoder ?? HtmlEncoder.Default);
        return writer.ToString();
    }

    /// <summary>The JSON the module reads, taken from the attribute as the browser would see it (HTML-decoded).</summary>
    public static JsonElement Config(TagHelperOutput output) =>
        JsonDocument.Parse((string)output.Attributes["data-human-connect"].Value).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        await App.DisposeAsync();
        await HumanApi.DisposeAsync();
    }

    private static TagHelperOutput NewOutput(string tagName, TagHelperAttributeList? attributes, string? childHtml) =>
        new(tagName, attributes ?? [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetHtmlContent(childHtml ?? string.Empty)))
        {
            TagMode = TagMode.SelfClosing,
        };

    private static TagHelperContext NewContext(string tagName, TagHelperAttributeList attributes) =>
        new(tagName, new TagHelperAttributeList(attributes), new Dictionary<object, object>(), Guid.NewGuid().ToString("N"));
}
