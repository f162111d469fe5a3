using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// Connect v2 in Chromium, on the sample host with <c>HumanConnect:ConnectVersion=V2</c> and its sandbox, once with the
/// sandbox's offline client and once with Human API's own <c>humanapi-connect-client</c> 2.4.1 from npm, pointed at the
/// sandbox's hosted page through <c>data-hapi-base-url</c>: a new user connects, comes back as a returning user,
/// disconnects a source, and closes Connect without a change.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ConnectV2JourneyTests(DebianChromium browser)
{
    private const string Pharmacy = "Starfleet Pharmacy";

    public static TheoryData<ConnectV2Client> Clients() => [ConnectV2Client.Sandbox, ConnectV2Client.HumanApi];

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task A_new_user_connects_a_source_and_comes_back_as_a_returning_user(ConnectV2Client client)
    {
        using var server = await ConnectV2Hosts.StartAsync(client);
        await using var session = await BrowserSession.OpenAsync(browser.Browser, server.RootUri);
        await session.SignInAsync("Beverly Crusher");
        await AssertClientAsync(session, client);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");
        await Assertions.Expect(session.Page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");
        var sessionToken = await session.ConnectButton.GetAttributeAsync("data-hapi-token");

        await session.OpenConnectV2Async(session.ConnectButton);
        Assert.Equal(sessionToken, (await session.ConnectV2.QueryAsync())["token"]);
        await Assertions.Expect(session.ConnectV2.Status).ToHaveTextAsync("Choose a data source to connect.");
        await session.ConnectV2.ConnectAsync(Pharmacy);
        await session.ScreenshotAsync($"v2-{client}-1-connected");
        await session.ConnectV2.Close.ClickAsync();

        // human-connect-v2.js had the server confirm the change with Human API, then reloaded.
        await Assertions.Expect(session.Page.Locator("#sources-connected")).ToHaveTextAsync("yes");
        Assert.Matches("^[0-9a-f]{24}$", await session.Page.Locator("#human-id").TextContentAsync());
        await Assertions.Expect(session.ConnectV2.Frame).ToHaveCountAsync(0);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        Assert.All(session.EndpointCalls, call => Assert.Equal("/connect/sync", call));
        Assert.NotEmpty(session.EndpointCalls);

        // The returning user opens Connect with an id token, and sees the source connected.
        var idToken = await session.ConnectButton.GetAttributeAsync("data-hapi-token");
        Assert.NotEqual(sessionToken, idToken);
        await session.OpenConnectV2Async(session.ConnectButton);
        await Assertions.Expect(session.ConnectV2.Status).ToHaveTextAsync("These are your data sources. Connect more, or disconnect any.");
        await Assertions.Expect(session.ConnectV2.DisconnectButton(Pharmacy)).ToBeVisibleAsync();
        await session.ScreenshotAsync($"v2-{client}-2-returning");
        Assert.Empty(Problems(session));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task A_returning_user_disconnects_a_source_and_the_page_shows_none_connected(ConnectV2Client client)
    {
        using var server = await ConnectV2Hosts.StartAsync(client);
        await using var session = await BrowserSession.OpenAsync(browser.Browser, server.RootUri);
        await session.SignInAsync("Geordi La Forge");
        await ConnectAsync(session, Pharmacy);
        var humanId = await session.Page.Locator("#human-id").TextContentAsync();

        await session.OpenConnectV2Async(session.ConnectButton);
        await session.ConnectV2.DisconnectButton(Pharmacy).ClickAsync();
        await Assertions.Expect(session.ConnectV2.ConnectButton(Pharmacy)).ToBeVisibleAsync();
        await session.ConnectV2.Close.ClickAsync();

        await Assertions.Expect(session.Page.Locator("#sources-connected")).ToHaveTextAsync("no");
        await Assertions.Expect(session.Page.Locator("#human-id")).ToHaveTextAsync(humanId!);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await session.ScreenshotAsync($"v2-{client}-3-disconnected");
        Assert.Empty(Problems(session));
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Closing_Connect_without_a_change_asks_the_server_nothing_and_stays_on_the_page(ConnectV2Client client)
    {
        using var server = await ConnectV2Hosts.StartAsync(client);
        await using var session = await BrowserSession.OpenAsync(browser.Browser, server.RootUri);
        await session.SignInAsync("Deanna Troi");
        await session.Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await session.OpenConnectV2Async(session.ConnectButton);
        await session.ConnectV2.Close.ClickAsync();

        await Assertions.Expect(session.ConnectV2.Frame).ToHaveCountAsync(0);
        var closed = await session.WaitForEventAsync("close");
        Assert.False(closed.GetProperty("changed").GetBoolean());
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(session.EndpointCalls);
        await Assertions.Expect(session.Page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");

        // The same token opens Connect again.
        await session.OpenConnectV2Async(session.ConnectButton);
        await Assertions.Expect(session.ConnectV2.Status).ToHaveTextAsync("Choose a data source to connect.");
        Assert.Empty(Problems(session));
    }

    [Fact]
    public async Task Human_APIs_client_runs_under_the_policy_the_README_gives_a_v2_host_without_nonces()
    {
        // The README's Connect v2 directives, with the sandbox (this app) as Human API's hosts: no nonce, no unsafe-inline.
        const string Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-src 'self'; " +
            "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";
        using var server = await ConnectV2Hosts.StartAsync(ConnectV2Client.HumanApi);
        await using var session = await BrowserSession.OpenAsync(browser.Browser, server.RootUri);
        await session.Context.RouteAsync(server.RootUri + "**", async route =>
        {
            if (route.Request.ResourceType != "document" || route.Request.Url.Contains("/hapi-connect", StringComparison.Ordinal))
            {
                await route.ContinueAsync();
                return;
            }

            var response = await route.FetchAsync(new() { MaxRedirects = 0 });
            var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase) { ["content-security-policy"] = Policy };
            await route.FulfillAsync(new() { Response = response, Headers = headers });
        });
        await session.SignInAsync("Wesley Crusher");

        Assert.Equal(Policy, await (await session.Page.ReloadAsync())!.HeaderValueAsync("content-security-policy"));
        await ConnectAsync(session, "Starfleet Medical");

        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        Assert.Empty(Problems(session));
    }

    /// <summary>Connects <paramref name="source"/> as a new user and waits for the page to come back with it.</summary>
    private static async Task ConnectAsync(BrowserSession session, string source)
    {
        await session.OpenConnectV2Async(session.ConnectButton);
        await session.ConnectV2.ConnectAsync(source);
        await session.ConnectV2.Close.ClickAsync();
        await Assertions.Expect(session.Page.Locator("#sources-connected")).ToHaveTextAsync("yes");
    }

    /// <summary>The page loads the client the test asked for, and only Connect v2's scripts.</summary>
    private static async Task AssertClientAsync(BrowserSession session, ConnectV2Client client)
    {
        var scripts = await session.Page.Locator("script[src]").EvaluateAllAsync<string[]>("scripts => scripts.map(s => new URL(s.src).pathname)");
        var expected = client == ConnectV2Client.HumanApi ? ConnectV2Hosts.HumanApiClientPath : "/sandbox/humanapi-connect-client.js";
        Assert.Equal(2, scripts.Length);
        Assert.Equal(expected, scripts[0]);
        // human-connect-v2.js at its fingerprinted path, as the asset URLs link it when static assets are mapped.
        Assert.Matches(@"^/_content/HumanConnect\.AspNetCore/human-connect-v2(\.[a-z0-9]+)?\.js$", scripts[1]);
        Assert.True(await session.Page.EvaluateAsync<bool>("() => typeof window.HumanConnect.on === 'function'"));
    }

    /// <summary>
    /// Problems seen: none is set aside. The image Human API's client lays behind its iframe
    /// (<c>{base}/images/data-source-type-icons/launch-connect-text.svg</c>) is the sandbox's to serve, and a 404 or a
    /// CSP violation for it counts like any other.
    /// </summary>
    private static List<string> Problems(BrowserSession session) => [.. session.Problems];
}
