using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.SampleHost.Tests.MultiInstance;

/// <summary>
/// The README's two-instance setup, from configuration only: instance A with <c>Sample:Redis</c> and its sandbox,
/// instance B with the same <c>Sample:Redis</c>, <c>Sample:UseSandbox=false</c> and A's sandbox as its Human API. One
/// browser (one cookie jar: cookies are per host, not per port) moves between them freely.
/// </summary>
public sealed class TwoSampleInstancesTests(SharedRedis redis) : IDisposable
{
    private readonly SampleInstance _a = new(new Dictionary<string, string?> { ["Sample:Redis"] = redis.Configuration });
    private SampleInstance? _b;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_signed_in_and_connected_on_A_gets_edit_mode_with_the_same_publicToken_on_B_and_can_refresh_it_there()
    {
        var a = _a.RootUri;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false });
        await SignInAsync(browser, a, "alice-" + Guid.NewGuid().ToString("N"));
        var b = StartB(a);
        var onA = await ButtonAsync(browser, a);

        using var finish = await PostAsync(browser, new Uri(a, onA.GetProperty("finishUrl").GetString()), onA,
            JsonContent.Create(await CreateSessionAsync(browser, a, onA.GetProperty("clientUserId").GetString()!)));
        var finished = await OkJsonAsync(finish);
        var onB = await ButtonAsync(browser, b);
        using var refresh = await PostAsync(browser, new Uri(b, "/connect/public-token"), onB, content: null);
        var refreshed = await OkJsonAsync(refresh);
        var onAAgain = await ButtonAsync(browser, a);

        Assert.False(onA.TryGetProperty("publicToken", out _));
        Assert.Equal(finished.GetProperty("publicToken").GetString(), onB.GetProperty("publicToken").GetString());
        Assert.StartsWith(a.ToString(), onB.GetProperty("_baseURL").GetString(), StringComparison.Ordinal);
        Assert.Equal(refreshed.GetProperty("publicToken").GetString(), onAAgain.GetProperty("publicToken").GetString());
        Assert.NotEqual(finished.GetProperty("publicToken").GetString(), refreshed.GetProperty("publicToken").GetString());
    }

    public void Dispose()
    {
        _b?.Dispose();
        _a.Dispose();
    }

    /// <summary>B, started once A has created the key ring in Redis, calling A's sandbox with its URLs and public credentials.</summary>
    private Uri StartB(Uri a)
    {
        _b = new SampleInstance(new Dictionary<string, string?>
        {
            ["Sample:Redis"] = redis.Configuration,
            ["Sample:UseSandbox"] = "false",
            ["HumanConnect:ClientId"] = HumanApiSandboxDefaults.ClientId,
            ["HumanConnect:ClientSecret"] = HumanApiSandboxDefaults.ClientSecret,
            ["HumanConnect:TokensEndpoint"] = new Uri(a, "/sandbox/v1/connect/tokens").ToString(),
            ["HumanConnect:PublicTokensEndpoint"] = new Uri(a, "/sandbox/v1/connect/publictokens").ToString(),
            ["HumanConnect:ConnectScriptUrl"] = new Uri(a, "/sandbox/connect.js").ToString(),
            ["HumanConnect:ConnectBaseUrl"] = new Uri(a, "/sandbox").ToString(),
        });
        return _b.RootUri;
    }

    private static async Task SignInAsync(HttpClient browser, Uri instance, string userName)
    {
        var form = await PageAsync(browser, new Uri(instance, "/signin"));
        var token = form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        using var body = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = userName, ["__RequestVerificationToken"] = token });
        using var response = await browser.PostAsync(new Uri(instance, "/signin"), body, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The first Connect button of the instance's home page: its <c>data-human-connect</c> JSON.</summary>
    private static async Task<JsonElement> ButtonAsync(HttpClient browser, Uri instance)
    {
        var page = await PageAsync(browser, new Uri(instance, "/"));
        var button = page.QuerySelector("[data-human-connect]");
        Assert.NotNull(button);
        return JsonDocument.Parse(button.GetAttribute("data-human-connect")!).RootElement.Clone();
    }

    private static async Task<IHtmlDocument> PageAsync(HttpClient browser, Uri url)
    {
        using var response = await browser.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>What Connect's finish would hand the page, minted through A's sandbox shortcut.</summary>
    private static async Task<JsonElement> CreateSessionAsync(HttpClient browser, Uri a, string clientUserId)
    {
        using var response = await browser.PostAsJsonAsync(new Uri(a, "/sandbox/v1/connect/sessions"), new
        {
            clientId = HumanApiSandboxDefaults.ClientId,
            clientSecret = HumanApiSandboxDefaults.ClientSecret,
            clientUserId,
        }, Ct);
        return await OkJsonAsync(response);
    }

    /// <summary>A POST as human-connect.js sends it: the antiforgery token the button carries, in the header it names.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, Uri url, JsonElement button, HttpContent? content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        var antiforgery = button.GetProperty("antiforgery");
        request.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        return browser.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
