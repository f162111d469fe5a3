using Microsoft.Playwright;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the test run, driven by Playwright's bundled driver. Nothing is downloaded:
/// the browser is /usr/bin/chromium (or HUMANCONNECT_TEST_CHROMIUM). A missing browser fails the tests, never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots are kept as test artifacts.</summary>
    public static string ArtifactsDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("HUMANCONNECT_TEST_ARTIFACTS") is { Length: > 0 } root
            ? Path.Combine(root, "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

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
