using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>The whole journey in Chromium, through the Connect iframe: create mode, finish, edit mode, rotation, close.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ConnectJourneyTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task Connecting_a_source_in_create_mode_comes_back_in_edit_mode_with_the_stored_public_token()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Kathryn Janeway");
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "create");
        await Assertions.Expect(session.Page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");

        await session.OpenConnectAsync(session.ConnectButton);
        var query = await session.Connect.QueryAsync();
        Assert.False(query.ContainsKey("publicToken"), "create mode opens Connect without a publicToken");
        Assert.Equal((await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("clientUserId").GetString(), query["clientUserId"]);
        await Assertions.Expect(session.Connect.Status).ToHaveTextAsync("Choose a data source to connect.");
        await session.Connect.ConnectAsync("Starfleet Pharmacy");
        await session.ScreenshotAsync("journey-1-create-mode-connected");
        await session.Connect.Done.ClickAsync();

        // human-connect.js exchanged the session token on the server and reloaded: the page now shows the connection.
        await Assertions.Expect(session.Page.Locator("#public-token")).ToBeVisibleAsync();
        var storedPublicToken = await session.Page.Locator("#public-token").TextContentAsync();
        Assert.Equal(["/connect/finish"], session.EndpointCalls);
        Assert.Matches("^[0-9a-f]{24}$", await session.Page.Locator("#human-id").TextContentAsync());
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        var config = await BrowserSession.ButtonConfigAsync(session.ConnectButton);
        Assert.Equal(storedPublicToken, config.GetProperty("publicToken").GetString());
        await session.ScreenshotAsync("journey-2-edit-mode");

        // Edit mode: Connect opens with the stored publicToken and shows the source already connected.
        await session.OpenConnectAsync(session.ConnectButton);
        Assert.Equal(storedPublicToken, (await session.Connect.QueryAsync())["publicToken"]);
        await Assertions.Expect(session.Connect.Status).ToHaveTextAsync("These are your data sources. Connect more, or disconnect any.");
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await Assertions.Expect(session.Connect.ConnectButton("Starfleet Medical")).ToBeVisibleAsync();
        await session.ScreenshotAsync("journey-3-edit-mode-connect");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Adding_a_second_source_rotates_the_public_token_and_keeps_the_human()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Seven of Nine");
        var first = await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy");
        var humanId = await session.Page.Locator("#human-id").TextContentAsync();

        var second = await session.ConnectSourcesAsync(session.ManageSourcesButton, "Starfleet Medical");

        Assert.NotEqual(first, second);
        await Assertions.Expect(session.Page.Locator("#human-id")).ToHaveTextAsync(humanId!);
        Assert.Equal(second, (await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("publicToken").GetString());
        await session.OpenConnectAsync(session.ConnectButton);
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Medical")).ToBeVisibleAsync();
        await session.ScreenshotAsync("rotation-two-sources");
        Assert.Equal(["/connect/finish", "/connect/finish"], session.EndpointCalls);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Closing_without_connecting_removes_the_iframe_raises_close_and_stores_nothing()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Tuvok");

        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.Close.ClickAsync();

        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        await session.WaitForEventAsync("close");
        await Assertions.Expect(session.ConnectButton).ToBeFocusedAsync();
        await session.Page.ReloadAsync();
        await Assertions.Expect(session.Page.Locator("#connection-status")).ToHaveTextAsync("Not connected yet.");
        Assert.Empty(session.EndpointCalls);
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task Done_without_a_change_closes_like_close()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Harry Kim");

        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.Done.ClickAsync();

        await session.WaitForEventAsync("close");
        await Assertions.Expect(session.Connect.Frame).ToHaveCountAsync(0);
        Assert.DoesNotContain(await session.EventsAsync(), e => e.Type == "finish");
        Assert.Empty(session.EndpointCalls);
    }

    [Fact]
    public async Task A_repeated_finish_for_one_session_token_is_exchanged_once()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("B'Elanna Torres");
        await session.StayOnFinishAsync();
        await session.OpenConnectAsync(session.ConnectButton);
        await session.Connect.ConnectAsync("Starfleet Medical");

        await session.Connect.Done.ClickAsync();
        var finished = await session.WaitForEventAsync("finish");

        // The finished iframe is hidden, not removed, as Human API's script leaves it. Its page posts the same
        // finish message again, as a hosted page that polls might: human-connect.js must not exchange it twice.
        await Assertions.Expect(session.Connect.Frame).ToBeHiddenAsync();
        await session.RepostFinishAsync();

        Assert.Equal(["/connect/finish"], session.EndpointCalls);
        Assert.Single(await session.EventsAsync(), e => e.Type == "finish");
        // The page stayed, so the button was switched to edit mode with the new publicToken in place.
        await Assertions.Expect(session.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        Assert.Equal(finished.GetProperty("publicToken").GetString(), (await BrowserSession.ButtonConfigAsync(session.ConnectButton)).GetProperty("publicToken").GetString());
        Assert.False(finished.TryGetProperty("accessToken", out _), "the finish event never carries an accessToken");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_page_that_stays_after_finish_puts_every_button_in_edit_mode_with_the_new_public_token()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Chakotay");
        var first = await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy");
        await session.StayOnFinishAsync();

        await session.OpenConnectAsync(session.ManageSourcesButton);
        await session.Connect.ConnectAsync("Starfleet Medical");
        await session.Connect.Done.ClickAsync();
        var rotated = (await session.WaitForEventAsync("finish")).GetProperty("publicToken").GetString();

        Assert.NotEqual(first, rotated);
        foreach (var button in new[] { session.ConnectButton, session.ManageSourcesButton })
        {
            await Assertions.Expect(button).ToHaveAttributeAsync("data-human-connect-state", "edit");
            Assert.Equal(rotated, (await BrowserSession.ButtonConfigAsync(button)).GetProperty("publicToken").GetString());
        }

        // The other button opens edit mode with the rotated token, not the stale one.
        await session.OpenConnectAsync(session.ConnectButton);
        Assert.Equal(rotated, (await session.Connect.QueryAsync())["publicToken"]);
        await Assertions.Expect(session.Connect.DisconnectButton("Starfleet Medical")).ToBeVisibleAsync();
        Assert.Empty(session.Problems);
    }

    public void Dispose() => _server.Dispose();
}
