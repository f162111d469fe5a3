using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.SampleHost.Tests.MultiInstance;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.SampleHost.Tests.Rendering;

/// <summary>
/// The sample host as `dotnet run` serves it, on real Kestrel with its embedded sandbox, and one person's browser on
/// it (a cookie jar). A connect goes through the sandbox's sessions shortcut and the library's finish endpoint, over
/// HTTP, exactly as human-connect.js posts it after Connect's "Done".
/// </summary>
internal sealed class DashboardHost : IDisposable
{
    private readonly SampleInstance _sample;
    private readonly HttpClient _browser;

    public DashboardHost(IDictionary<string, string?>? settings = null)
    {
        _sample = new SampleInstance(settings ?? new Dictionary<string, string?>());
        Root = _sample.RootUri;
        _browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Root };
    }

    public Uri Root { get; }

    public IServiceProvider Services => _sample.Services;

    public IHumanApiSandboxFaults Faults => Services.GetRequiredService<IHumanApiSandboxFaults>();

    public string UserName { get; private set; } = string.Empty;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async Task SignInAsync(string userName)
    {
        UserName = userName;
        var (_, form) = await PageAsync("/signin");
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = userName, ["__RequestVerificationToken"] = token });
        using var response = await _browser.PostAsync(new Uri("/signin", UriKind.Relative), body, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Connects <paramref name="sources"/> for the signed-in user: what Connect's "Done" and human-connect.js do.</summary>
    public async Task ConnectAsync(params string[] sources)
    {
        var (_, page) = await PageAsync("/");
        var button = JsonDocument.Parse(page.QuerySelector("#connect-health-data")!.GetAttribute("data-human-connect")!).RootElement;
        using var session = await _browser.PostAsJsonAsync(new Uri("/sandbox/v1/connect/sessions", UriKind.Relative), new
        {
            clientId = HumanApiSandboxDefaults.ClientId,
            clientSecret = HumanApiSandboxDefaults.ClientSecret,
            clientUserId = button.GetProperty("clientUserId").GetString(),
            publicToken = button.TryGetProperty("publicToken", out var publicToken) ? publicToken.GetString() : null,
            sources,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        using var finish = await PostAsync(button.GetProperty("finishUrl").GetString()!, button.GetProperty("antiforgery"),
            new StringContent(await session.Content.ReadAsStringAsync(Ct), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, finish.StatusCode);
    }

    /// <summary>What <c>human-connect-disconnect.js</c> sends on click: a POST with the control's antiforgery token.</summary>
    public async Task<HttpResponseMessage> DisconnectAsync()
    {
        var (_, page) = await PageAsync("/");
        var control = JsonDocument.Parse(page.QuerySelector("[data-human-connect-disconnect]")!.GetAttribute("data-human-connect-disconnect")!).RootElement;
        return await PostAsync(control.GetProperty("url").GetString()!, control.GetProperty("antiforgery"), content: null);
    }

    /// <summary>Deletes the user at the sandbox's Application API behind the app's back: their token then answers 401.</summary>
    public async Task RevokeAtHumanApiAsync(string humanId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/sandbox/v1/apps/{HumanApiSandboxDefaults.ClientId}/users/{humanId}", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(HumanApiSandboxDefaults.AppKey + ":")));
        using var response = await _browser.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    /// <summary>What the store holds for the signed-in user (the test reads the secret token only to search pages for it).</summary>
    public Task<HumanTokens?> StoredAsync() => Services.GetRequiredService<IHumanTokenStore>().GetAsync(UserName, Ct);

    /// <summary>Reads the signed-in user's data through the data client, as the page does, to compare with what it shows.</summary>
    public async Task<T> ReadAsync<T>(Func<IHumanUserData, Task<HumanDataResult<T>>> read)
    {
        using var scope = Services.CreateScope();
        var result = await read(scope.ServiceProvider.GetRequiredService<IHumanDataClient>().ForUser(UserName));
        Assert.True(result.Succeeded, result.ToString());
        return result.Value!;
    }

    public async Task<(string Html, IHtmlDocument Document)> PageAsync(string path)
    {
        using var response = await _browser.GetAsync(new Uri(path, UriKind.Relative), Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html}");
        return (html, new HtmlParser().ParseDocument(html));
    }

    public void Dispose()
    {
        _browser.Dispose();
        _sample.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string url, JsonElement antiforgery, HttpContent? content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = content };
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        return _browser.SendAsync(request, Ct);
    }
}
