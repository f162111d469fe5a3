using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// The Connect UI as a person meets it: the full-viewport iframe that connect.js lays over the page, and the
/// hosted Connect page inside it, reached through Playwright's frame locators.
/// </summary>
public sealed class ConnectDialog(IPage page, string frameSelector = ConnectDialog.SandboxFrameSelector)
{
    /// <summary>How the sandbox's connect.js marks its iframe.</summary>
    public const string SandboxFrameSelector = "iframe[title='Human Connect']";

    /// <summary>The iframe element in the host page.</summary>
    public ILocator Frame => page.Locator(frameSelector);

    /// <summary>The hosted Connect page inside the iframe.</summary>
    public IFrameLocator Content => page.FrameLocator(frameSelector);

    public ILocator Dialog => Content.GetByRole(AriaRole.Dialog, new() { Name = "Connect your health data" });

    public ILocator Status => Content.Locator("#hc-status");

    public ILocator Error => Content.GetByRole(AriaRole.Alert);

    public ILocator Done => Content.GetByRole(AriaRole.Button, new() { Name = "Done", Exact = true });

    public ILocator Close => Content.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true });

    public ILocator ConnectButton(string source) =>
        Content.GetByRole(AriaRole.Button, new() { Name = $"Connect {source}", Exact = true });

    public ILocator DisconnectButton(string source) =>
        Content.GetByRole(AriaRole.Button, new() { Name = $"Disconnect {source}", Exact = true });

    /// <summary>The iframe's URL as the browser resolved it.</summary>
    public async Task<Uri> SourceAsync() => new(await Frame.EvaluateAsync<string>("frame => frame.src"));

    /// <summary>The query parameters the hosted page was opened with.</summary>
    public async Task<IReadOnlyDictionary<string, string>> QueryAsync()
    {
        var source = await SourceAsync();
        return System.Web.HttpUtility.ParseQueryString(source.Query) is var query
            ? query.AllKeys.OfType<string>().ToDictionary(key => key, key => query[key]!, StringComparer.Ordinal)
            : new Dictionary<string, string>();
    }

    /// <summary>The hosted page's frame itself, to navigate it or post from it.</summary>
    public async Task<IFrame> FrameAsync() =>
        await (await Frame.ElementHandleAsync()).ContentFrameAsync() ?? throw new InvalidOperationException("The Connect iframe has no frame.");

    /// <summary>Waits until the hosted page has listed the sources: it has posted its open message by then.</summary>
    public async Task WaitUntilOpenAsync()
    {
        await Assertions.Expect(Dialog).ToBeVisibleAsync();
        await Assertions.Expect(Content.GetByRole(AriaRole.List, new() { Name = "Data sources" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Loading Human Connect\u2026")).ToHaveCountAsync(0);
    }

    /// <summary>Connects <paramref name="source"/> and waits until the page shows it connected.</summary>
    public async Task ConnectAsync(string source)
    {
        await ConnectButton(source).ClickAsync();
        await Assertions.Expect(DisconnectButton(source)).ToBeVisibleAsync();
    }
}
