using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// One headless Debian Chromium, driven by Playwright's bundled driver. Nothing is downloaded: the browser is
/// /usr/bin/chromium (or HUMANCONNECT_TEST_CHROMIUM), and a missing browser fails the tests instead of skipping them.
/// Shared as source by the test projects that need a browser.
/// </summary>
public sealed class DebianChromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var executable = Environment.GetEnvironmentVariable("HUMANCONNECT_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Chromium was not found at {executable}: install it with 'apt-get install chromium' (build/test.sh does).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,

            // Without the networking switches Chromium keeps calling Google's hosts, which this closed network refuses.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
