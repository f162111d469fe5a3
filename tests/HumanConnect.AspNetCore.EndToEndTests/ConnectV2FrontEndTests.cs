using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>
/// The front ends beyond Razor in Connect v2, with no change to the host's code: the sample's <c>/spa</c> (the JSON
/// options endpoint and the browser API) and <c>/blazor</c> (the component), on <c>--HumanConnect:ConnectVersion=V2</c>,
/// with the sandbox's client and with Human API's own <c>humanapi-connect-client</c> 2.4.1, opened through its
/// <c>open()</c> with the options' token; the server confirms the change through <c>POST /connect/sync</c>.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ConnectV2FrontEndTests(DebianChromium browser)
{
    private const string Pharmacy = "Starfleet Pharmacy";

    public static TheoryData<ConnectV2Client> Clients() => [ConnectV2Client.Sandbox, ConnectV2Client.HumanApi];

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task The_spa_connects_a_new_user_in_v2_stays_on_the_page_and_comes_back_in_edit_mode(ConnectV2Client client)
    {
        using var server = await ConnectV2Hosts.StartAsync(client);
        await using var session = await OpenAsync(server, "Worf", "/spa");
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");
        await session.Page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await session.OpenConnectV2Async(session.ConnectButton);
        var token = (await session.ConnectV2.QueryAsync())["token"];
        await session.ConnectV2.ConnectAsync(Pharmacy);
        await session.ConnectV2.Close.ClickAsync();

        var finish = await session.WaitForEventAsync("finish");
        Assert.True(finish.GetProperty("connected").GetBoolean());
        Assert.Matches("^[0-9a-f]{24}$", finish.GetProperty("humanId").GetString());
        Assert.True(await session.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the SPA reloaded");
        Assert.NotEmpty(session.EndpointCalls);
        Assert.All(session.EndpointCalls, call => Assert.Equal("/connect/sync", call));

        // The SPA fetched the options again: a returning user, opened with an id token.
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await session.OpenConnectV2Async(session.ConnectButton);
        Assert.NotEqual(token, (await session.ConnectV2.QueryAsync())["token"]);
        await Assertions.Expect(session.ConnectV2.DisconnectButton(Pharmacy)).ToBeVisibleAsync();
        await session.ScreenshotAsync($"v2-spa-{client}-edit");
        Assert.Empty(session.Problems);
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task Closing_Connect_in_the_spa_without_a_change_raises_close_and_asks_the_server_nothing(ConnectV2Client client)
    {
        using var server = await ConnectV2Hosts.StartAsync(client);
        await using var session = await OpenAsync(server, "Odo", "/spa");

        await session.OpenConnectV2Async(session.ConnectButton);
        await session.ConnectV2.Close.ClickAsync();

        await Assertions.Expect(session.ConnectV2.Frame).ToHaveCountAsync(0);
        Assert.False((await session.WaitForEventAsync("close")).GetProperty("changed").GetBoolean());
        await Assertions.Expect(session.Page.Locator("#spa-status")).ToHaveTextAsync("Connect was closed.");
        Assert.Empty(session.EndpointCalls);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_sync_that_fails_is_shown_to_the_user_in_the_spa()
    {
        using var server = await ConnectV2Hosts.StartAsync(ConnectV2Client.Sandbox);
        await using var session = await OpenAsync(server, "Nog", "/spa");
        await session.Context.RouteAsync("**/connect/sync", route => route.FulfillAsync(new()
        {
            Status = 503,
            ContentType = "application/problem+json",
            Body = "{\"title\":\"Human API is unavailable.\",\"status\":503,\"errorCode\":\"upstream_unavailable\"}",
        }));

        await session.OpenConnectV2Async(session.ConnectButton);
        await session.ConnectV2.ConnectAsync(Pharmacy);
        await session.ConnectV2.Close.ClickAsync();

        var error = await session.WaitForEventAsync("error");
        Assert.Equal("upstream_unavailable", error.GetProperty("code").GetString());
        await Assertions.Expect(session.ErrorAlert).ToBeVisibleAsync();
        await Assertions.Expect(session.ConnectButton).ToBeEnabledAsync();
    }

    [Theory]
    [MemberData(nameof(Clients))]
    public async Task The_blazor_component_connects_in_v2_and_raises_OnConnected(ConnectV2Client client)
    {
        using var server = await ConnectV2Hosts.StartAsync(client);
        await using var session = await OpenAsync(server, "Ro Laren", "/blazor");
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");

        await session.OpenConnectV2Async(session.ConnectButton);
        await session.ConnectV2.ConnectAsync(Pharmacy);
        await session.ConnectV2.Close.ClickAsync();

        await Assertions.Expect(session.Page.Locator("#blazor-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Connected: humanId [0-9a-f]{24}\\.$"));
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        Assert.All(session.EndpointCalls, call => Assert.Equal("/connect/sync", call));
        await session.ScreenshotAsync($"v2-blazor-{client}-connected");
        Assert.Empty(session.Problems);
    }

    private async Task<BrowserSession> OpenAsync(SampleHostServer server, string userName, string path)
    {
        var session = await BrowserSession.OpenAsync(browser.Browser, server.RootUri);
        await session.SignInAsync(userName);
        await session.Page.GotoAsync(path);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-attached", string.Empty);
        return session;
    }
}
