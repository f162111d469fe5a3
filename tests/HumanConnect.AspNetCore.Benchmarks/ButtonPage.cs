using System.Security.Claims;
using System.Text.Encodings.Web;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Benchmarks;

/// <summary>
/// What a Razor page gives a tag helper, built by hand as the unit tests' ButtonHarness does: a host with Razor
/// Pages and <c>AddHumanConnect</c>, and per request a scope, an <see cref="HttpContext"/> for a signed-in user
/// who carries an antiforgery cookie (a returning visitor) and a <see cref="ViewContext"/>. Each render writes the
/// tag to text with the HTML encoder, as the page would.
/// </summary>
internal sealed class ButtonPage : IAsyncDisposable
{
    /// <summary>Razor passes a unique id per tag occurrence, a constant of the compiled page.</summary>
    private const string TagId = "benchmark-tag";

    private static readonly TagHelperContent Empty = new DefaultTagHelperContent();
    private static readonly HtmlHelperOptions HtmlHelperOptions = new();

    private readonly WebApplication _app;
    private readonly IHtmlGenerator _generator;
    private readonly string _antiforgeryCookie;
    private readonly StringWriter _writer = new();
    private readonly RouteData _routeData = new();
    private readonly ActionDescriptor _action = new();
    private readonly ViewDataDictionary _viewData;
    private readonly ITempDataDictionary _tempData;

    private ButtonPage(WebApplication app, string antiforgeryCookie)
    {
        _app = app;
        _generator = app.Services.GetRequiredService<IHtmlGenerator>();
        _antiforgeryCookie = antiforgeryCookie;
        _viewData = new ViewDataDictionary(app.Services.GetRequiredService<IModelMetadataProvider>(), new ModelStateDictionary());
        _tempData = new TempDataDictionary(new DefaultHttpContext(), app.Services.GetRequiredService<ITempDataProvider>());
    }

    /// <summary>The HTML the last render wrote.</summary>
    public string LastHtml => _writer.ToString();

    /// <summary>The in-memory store the page reads, or <see langword="null"/> with the default (encrypted) store.</summary>
    public CountingTokenStore? Store { get; private init; }

    /// <summary>A host whose store holds <see cref="TestData.Alice"/>'s tokens (edit mode) and nothing for Bob (create mode).</summary>
    public static async Task<ButtonPage> StartAsync(bool defaultStore = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddRazorPages();
        var humanConnect = builder.Services.AddHumanConnect(options =>
        {
            options.ClientId = TestData.ClientId;
            options.ClientSecret = TestData.ClientSecret;
            // Measured in Production on the memory cache, one process with nothing to keep: opted in explicitly.
            options.AllowInMemoryTokenStore = true;
        });
        var store = defaultStore ? null : new CountingTokenStore();
        if (store is not null)
        {
            humanConnect.AddTokenStore(_ => store, ServiceLifetime.Singleton);
        }

        var app = builder.Build();
        app.MapHumanConnect();
        await app.StartAsync();
        await app.Services.GetRequiredService<IHumanTokenStore>().SaveAsync(TestData.Alice, TestData.StoredTokens(), CancellationToken.None);

        // The cookie half of the antiforgery pair, as a returning visitor's browser sends it back.
        var first = new DefaultHttpContext { RequestServices = app.Services };
        app.Services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(first);
        var cookie = first.Response.Headers.SetCookie.ToString().Split(';')[0];
        return new ButtonPage(app, cookie) { Store = store };
    }

    /// <summary>A new request scope and its view, signed in as <paramref name="localUserId"/>; dispose the scope after the request.</summary>
    public (AsyncServiceScope Scope, ViewContext View) NewRequest(string localUserId)
    {
        var scope = _app.Services.CreateAsyncScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        httpContext.Request.Scheme = "https";
        httpContext.Request.Host = new HostString("shop.example");
        httpContext.Request.Path = "/";
        httpContext.Request.Headers.Cookie = _antiforgeryCookie;
        httpContext.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, localUserId)], "Test"));
        // The full constructor, as Razor calls it (it starts an empty FormContext, where FormTagHelper records the
        // token it wrote); the parts neither tag reads are shared, so the harness costs both rows as little as it can.
        var action = new ActionContext(httpContext, _routeData, _action);
        return (scope, new ViewContext(action, NullView.Instance, _viewData, _tempData, TextWriter.Null, HtmlHelperOptions));
    }

    /// <summary>Renders <c>&lt;human-connect-button /&gt;</c>; returns the length of the HTML written.</summary>
    public async Task<int> RenderButtonAsync(ViewContext view)
    {
        var helper = new HumanConnectButtonTagHelper { ViewContext = view };
        var output = NewOutput("human-connect-button", [], TagMode.SelfClosing);
        await helper.ProcessAsync(new TagHelperContext("human-connect-button", [], new Dictionary<object, object>(), TagId), output);
        return Write(output);
    }

    /// <summary>Renders <c>&lt;form method="post"&gt;</c> through <see cref="FormTagHelper"/>, which adds the antiforgery field.</summary>
    public int RenderForm(ViewContext view)
    {
        var helper = new FormTagHelper(_generator) { ViewContext = view, Method = "post" };
        var attributes = new TagHelperAttributeList { { "method", "post" } };
        var output = NewOutput("form", attributes, TagMode.StartTagAndEndTag);
        helper.Process(new TagHelperContext("form", attributes, new Dictionary<object, object>(), TagId), output);
        return Write(output);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _writer.DisposeAsync();
    }

    private int Write(TagHelperOutput output)
    {
        _writer.GetStringBuilder().Clear();
        output.WriteTo(_writer, HtmlEncoder.Default);
        return _writer.GetStringBuilder().Length;
    }

    private static TagHelperOutput NewOutput(string tagName, TagHelperAttributeList attributes, TagMode mode) =>
        new(tagName, attributes, static (_, _) => Task.FromResult(Empty)) { TagMode = mode };
}

/// <summary>The view a tag helper's ViewContext names; neither tag under measure renders it.</summary>
internal sealed class NullView : IView
{
    public static readonly NullView Instance = new();

    public string Path => string.Empty;

    public Task RenderAsync(ViewContext context) => Task.CompletedTask;
}
