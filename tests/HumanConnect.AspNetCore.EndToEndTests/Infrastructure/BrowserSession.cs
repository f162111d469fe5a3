using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// One person at one browser profile: a context with its own cookies and localStorage, a page on the sample host,
/// and every console error and page error recorded so a test can assert there were none.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _problems = [];

    private BrowserSession(IBrowserContext context, IPage page, Uri root)
    {
        Context = context;
        Page = page;
        Root = root;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_problems)
                {
                    _problems.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_problems)
            {
                _problems.Add($"page error: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Uri Root { get; }

    /// <summary>Console errors and uncaught exceptions seen so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
            {
                return [.. _problems];
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, Uri root)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = root.ToString() });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, root);
    }

    /// <summary>Signs in through the sample's demo form, as a person would.</summary>
    public async Task SignInAsync(string userName)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("Your name").FillAsync(userName);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(new Uri(Root, "/").ToString());
    }

    /// <summary>Keeps a screenshot of the page as a test artifact.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var file = Path.Combine(BrowserFixture.ArtifactsDirectory, $"{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
    }

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
