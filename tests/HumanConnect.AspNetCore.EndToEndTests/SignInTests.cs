using HumanConnect.AspNetCore.TestInfrastructure;
using HumanConnect.AspNetCore.EndToEndTests.Infrastructure;
using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests;

[Collection(SharedBrowser.Name)]
public sealed class SignInTests(DebianChromium browser) : IDisposable
{
    private readonly SampleHostServer _server = new();

    [Fact]
    public async Task A_person_signs_in_with_any_name_and_sees_their_name()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);

        await session.SignInAsync("Jean-Luc Picard");

        await Assertions.Expect(session.Page.Locator("#signed-in-user")).ToHaveTextAsync("Jean-Luc Picard");
        await session.ScreenshotAsync("signed-in");
        Assert.Empty(session.Problems);
    }

    [Fact]
    public async Task A_signed_out_visitor_gets_a_sign_in_hint_and_no_connect_button()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);

        await session.Page.GotoAsync("/");

        await Assertions.Expect(session.Page.GetByRole(AriaRole.Link, new() { Name = "sign in" }).First).ToBeVisibleAsync();
        await Assertions.Expect(session.ConnectButton).ToHaveCountAsync(0);
        Assert.Empty(session.Problems);
    }

    public void Dispose() => _server.Dispose();
}
