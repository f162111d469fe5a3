using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

/// <summary>The sample keeps connections in SQLite (and the sandbox its users in a state file): a restart loses nothing.</summary>
[Collection(SharedBrowser.Name)]
public sealed class RestartTests(DebianChromium browser) : IDisposable
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("hc-e2e-restart-").FullName;

    [Fact]
    public async Task A_connection_survives_a_restart_of_the_sample_host_and_reopens_in_edit_mode()
    {
        string publicToken;
        string? humanId;
        using (var first = new SampleHostServer(dataDirectory: _dataDirectory))
        {
            await using var session = await BrowserSession.OpenAsync(browser.Browser, first.RootUri);
            await session.SignInAsync("Geordi La Forge");
            publicToken = await session.ConnectSourcesAsync(session.ConnectButton, "Starfleet Pharmacy");
            humanId = await session.Page.Locator("#human-id").TextContentAsync();
        }

        using var second = new SampleHostServer(dataDirectory: _dataDirectory);
        await using var again = await BrowserSession.OpenAsync(browser.Browser, second.RootUri);
        await again.SignInAsync("Geordi La Forge");

        await Assertions.Expect(again.Page.Locator("#human-id")).ToHaveTextAsync(humanId!);
        await Assertions.Expect(again.Page.Locator("#public-token")).ToHaveTextAsync(publicToken);
        await Assertions.Expect(again.ConnectButton).ToHaveAttributeAsync("data-human-connect-state", "edit");
        await again.OpenConnectAsync(again.ConnectButton);
        await Assertions.Expect(again.Connect.DisconnectButton("Starfleet Pharmacy")).ToBeVisibleAsync();
        await again.Connect.ConnectAsync("Starfleet Medical");
        await again.Connect.Done.ClickAsync();
        await Assertions.Expect(again.Page.Locator("#public-token")).Not.ToHaveTextAsync(publicToken);
        Assert.Empty(again.Problems);
    }

    public void Dispose() => SampleHostServer.DeleteDataDirectory(_dataDirectory);
}
