namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>Where the browser tests keep their screenshots, as test artifacts.</summary>
public static class Artifacts
{
    public static string ScreenshotsDirectory { get; } = Directory.CreateDirectory(
        Environment.GetEnvironmentVariable("HUMANCONNECT_TEST_ARTIFACTS") is { Length: > 0 } root
            ? Path.Combine(root, "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
}
