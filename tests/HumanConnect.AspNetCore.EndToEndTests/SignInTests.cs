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
    public async Task The_Connect_button_is_its_image_served_by_the_app_itself_with_no_second_frame_around_it()
    {
        await using var session = await BrowserSession.OpenAsync(browser.Browser, _server.RootUri);
        await session.SignInAsync("Geordi La Forge");
        var image = session.ConnectButton.Locator("img");
        await Assertions.Expect(image).ToBeVisibleAsync();

        // Loaded from the sandbox in this app, not Human API's host: it shows with no internet.
        await image.EvaluateAsync("img => img.decode()");
        var src = await image.EvaluateAsync<string>("img => img.currentSrc");
        Assert.Equal(new Uri(_server.RootUri, "/sandbox/assets/connect-button.svg"), new Uri(src));
        Assert.True(await image.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the button image did not load");

        // One button: the <button> is exactly its image (no padding, border or background of its own), drawn at its
        // own size. Before, the page's button style framed the image in a second, bordered box.
        var box = await session.ConnectButton.BoundingBoxAsync();
        var imageBox = await image.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.NotNull(imageBox);
        Assert.InRange(box.Width - imageBox.Width, -0.5, 0.5);
        Assert.InRange(box.Height - imageBox.Height, -0.5, 0.5);
        Assert.Equal(await image.EvaluateAsync<double>("img => img.naturalWidth"), imageBox.Width, 0.5);
        Assert.Equal("0px", await session.ConnectButton.EvaluateAsync<string>("b => getComputedStyle(b).borderTopWidth"));
        await session.ScreenshotAsync("connect-button");
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
