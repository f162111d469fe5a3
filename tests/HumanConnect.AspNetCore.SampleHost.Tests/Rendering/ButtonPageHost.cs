using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HumanConnect.AspNetCore.SampleHost.Tests.Rendering;

/// <summary>
/// The sample host in process, with its own data directory, its upstream pointed at a <see cref="FakeHumanApi"/>,
/// and whatever extra settings a test gives (hostile option values, a Connect base URL).
/// </summary>
internal sealed class ButtonPageHost : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hc-button-").FullName;
    private readonly Dictionary<string, string?> _settings;

    public ButtonPageHost(FakeHumanApi upstream, IDictionary<string, string?>? settings = null)
    {
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sample:DataDirectory"] = _dataDirectory,
            ["Sample:UseSandbox"] = "false",
            ["HumanConnect:ClientId"] = TestData.ClientId,
            ["HumanConnect:ClientSecret"] = TestData.ClientSecret,
            ["HumanConnect:TokensEndpoint"] = upstream.TokensEndpoint.ToString(),
            ["HumanConnect:PublicTokensEndpoint"] = upstream.PublicTokensEndpoint.ToString(),

            // A connected user's page reads their data: from the fake too (it has none), never from Human API.
            ["HumanConnect:DataApiBaseUrl"] = new Uri(upstream.BaseAddress, "/v1/human/").ToString(),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient NewBrowser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the sample's demo form, antiforgery token included.</summary>
    public static async Task SignInAsync(HttpClient browser, string userName)
    {
        var (_, form) = await GetAsync(browser, "/signin");
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = userName, ["__RequestVerificationToken"] = token });
        using var response = await browser.PostAsync(new Uri("/signin", UriKind.Relative), body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetAsync(HttpClient browser, string path)
    {
        var response = await browser.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, new HtmlParser().ParseDocument(html));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection: the temp directory is left for the OS.
            }
        }
    }
}
