using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// What a user gets after connecting, in Chromium under the sample's strict CSP: the dashboard read through the data
/// client, then a disconnect back to create mode, and a second connect; and the dashboard's failure states.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed partial class DashboardJourneyTests(DebianChromium browser) : IDisposable
{
    private const string User = "Kathryn Janeway";
    private readonly SampleHostServer _server = new();

    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } };

    [Fact]
    public async Task Connect_shows_the_data_disconnect_returns_to_create_mode_without_it_and_a_second_connect_shows_it_again()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri, Desktop);
        var page = session.Page;
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await session.SignInAsync(User);
        await Assertions.Expect(page.Locator("#dashboard")).ToHaveCountAsync(0);

        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy", "Starfleet Medical");

        await Assertions.Expect(page.Locator("#steps-chart rect.bar")).ToHaveCountAsync(30);
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = StepsChartName() })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#heart-rate-value")).ToHaveTextAsync(HeartRate());
        await Assertions.Expect(page.Locator("#blood-pressure-value")).ToHaveTextAsync(BloodPressure());
        await Assertions.Expect(page.Locator("#sleep-value")).ToHaveTextAsync(Sleep());
        Assert.True(await page.Locator("#medications li").CountAsync() > 0, "the medical source's medications are listed");
        await Assertions.Expect(page.Locator("[data-panel-problem]")).ToHaveCountAsync(0);
        await AssertChartFitsAsync(page);
        var accessToken = (await _server.Services.GetRequiredService<IHumanTokenStore>().GetAsync(User, TestContext.Current.CancellationToken))!.AccessToken;
        await AssertNoTokenInHtmlAsync(page, accessToken);
        await session.ScreenshotAsync("dashboard-1-connected");

        // A phone's width: the chart scales down, its labels grow to stay readable, and nothing overflows sideways.
        await page.SetViewportSizeAsync(390, 844);
        await AssertChartFitsAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no horizontal scrolling at 390 px");
        await session.ScreenshotAsync("dashboard-2-narrow");
        await page.SetViewportSizeAsync(1280, 800);

        var disconnect = page.GetByRole(AriaRole.Button, new() { Name = "Disconnect health data" });
        await Assertions.Expect(page.Locator("#disconnect-section")).ToContainTextAsync("Human API deletes your connection to this app");
        await disconnect.ClickAsync();

        // human-connect-disconnect.js asked first, posted, and reloaded the page, which no longer has a connection.
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");
        Assert.Equal(["Stop sharing your health data with this app? Human API deletes your connection to it."], dialogs);
        await Assertions.Expect(page.Locator("#dashboard")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#steps-chart")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-human-connect-disconnect]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");
        Assert.Null(await session.LocalStorageAsync("humanapiSessionToken"));
        Assert.Null(await _server.Services.GetRequiredService<IHumanTokenStore>().GetAsync(User, TestContext.Current.CancellationToken));
        await session.ScreenshotAsync("dashboard-3-disconnected");

        // Human API forgot the user, so Connect opens in create mode again and the new connection shows its data.
        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy");

        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await Assertions.Expect(page.Locator("#steps-chart rect.bar")).ToHaveCountAsync(30);
        await Assertions.Expect(page.Locator("#heart-rate-value")).ToHaveTextAsync(HeartRate());
        await Assertions.Expect(page.Locator("#medications-empty")).ToBeVisibleAsync();
        await session.ScreenshotAsync("dashboard-4-connected-again");
        Assert.Equal(["/connect/finish", "/connect/disconnect", "/connect/finish"], session.EndpointCalls);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task When_Human_API_is_down_or_refuses_the_token_the_dashboard_says_so_in_words()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri, Desktop);
        var page = session.Page;
        await session.SignInAsync(User);
        await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy", "Starfleet Medical");
        var faults = _server.Services.GetRequiredService<IHumanApiSandboxFaults>();

        faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.ServerError(503), int.MaxValue);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#dashboard-problem")).ToContainTextAsync("Human API did not answer; try again.");
        await Assertions.Expect(page.Locator("[data-panel-problem]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#heart-rate-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await session.ScreenshotAsync("dashboard-5-human-api-unavailable");

        faults.Reset();
        var humanId = await page.Locator("#human-id").TextContentAsync();
        await RevokeAtHumanApiAsync(humanId!);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#dashboard-reconnect")).ToContainTextAsync("Connect again");
        await Assertions.Expect(page.Locator("#steps-panel")).ToHaveCountAsync(0);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "reconnect");
        await Assertions.Expect(session.ConnectButton).ToHaveTextAsync("Connect again");
        await session.ScreenshotAsync("dashboard-6-reconnect-required");
        Assert.Empty(session.Problems);
    }

    public void Dispose() => _server.Dispose();

    /// <summary>Every bar and every label lies inside the chart's box, so nothing is cut off at its edges.</summary>
    private static async Task AssertChartFitsAsync(IPage page)
    {
        var outside = await page.EvaluateAsync<string[]>("""
            () => {
              const svg = document.querySelector('#steps-chart').getBoundingClientRect();
              return [...document.querySelectorAll('#steps-chart rect, #steps-chart text')]
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([, r]) => r.left < svg.left - 0.5 || r.right > svg.right + 0.5 || r.top < svg.top - 0.5 || r.bottom > svg.bottom + 0.5)
                .map(([e]) => e.textContent || e.outerHTML);
            }
            """);
        Assert.Empty(outside);
        var smallest = await page.EvaluateAsync<double>("""
            () => Math.min(...[...document.querySelectorAll('#steps-chart text')].map(t => t.getBoundingClientRect().height))
            """);
        Assert.True(smallest >= 10, $"the chart's labels are at least 10 px tall on screen (smallest: {smallest:0.0})");
    }

    /// <summary>Neither the page the server sent nor the DOM the scripts made carries the access token.</summary>
    private static async Task AssertNoTokenInHtmlAsync(IPage page, string accessToken)
    {
        Assert.False(string.IsNullOrEmpty(accessToken));
        var response = await page.ReloadAsync();
        Assert.DoesNotContain(accessToken, await response!.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(accessToken, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#steps-chart rect.bar")).ToHaveCountAsync(30);
    }

    /// <summary>Deletes the user at the sandbox's Application API behind the app's back, as Human API's dashboard could.</summary>
    private async Task RevokeAtHumanApiAsync(string humanId)
    {
        using var http = new HttpClient { BaseAddress = _server.RootUri };
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"sandbox/v1/apps/{HumanApiSandboxDefaults.ClientId}/users/{humanId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(HumanApiSandboxDefaults.AppKey + ":")));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [GeneratedRegex(@"^Steps per day, \w{3} \d{1,2} \w{3} to \w{3} \d{1,2} \w{3}$")]
    private static partial Regex StepsChartName();

    [GeneratedRegex(@"^\d{2,3} bpm$")]
    private static partial Regex HeartRate();

    [GeneratedRegex(@"^\d{2,3}/\d{2,3} mmHg$")]
    private static partial Regex BloodPressure();

    [GeneratedRegex(@"^\d{1,2} h \d{1,2} min$")]
    private static partial Regex Sleep();
}
