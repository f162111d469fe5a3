using HumanConnect.AspNetCore.PackageTests.Infrastructure;

namespace HumanConnect.AspNetCore.PackageTests;

/// <summary>The README's quick start is complete: its code blocks, as written, build as a new app on the packages.</summary>
public sealed class QuickStartTests(LocalFeed feed)
{
    [Fact]
    public void The_readme_marks_every_file_of_the_quick_start_and_its_sandbox_variant()
    {
        Assert.Equal(
            ["Pages/Index.cshtml", "Pages/SignIn.cshtml", "Pages/_ViewImports.cshtml", "Program.cs", "appsettings.json"],
            ReadmeQuickStart.Files().Keys.Order(StringComparer.Ordinal));
        var variant = Assert.Single(ReadmeQuickStart.Blocks, block => block.Variant is not null);
        Assert.Equal(("Program.cs", "sandbox"), (variant.File, variant.Variant));
    }

    [Fact]
    public void The_quick_start_says_where_the_user_id_comes_from_and_initializes_user_secrets_before_setting_one()
    {
        var quickStart = QuickStartSection();

        Assert.Contains("`ClaimTypes.NameIdentifier` claim", quickStart, StringComparison.Ordinal);
        var init = quickStart.IndexOf("dotnet user-secrets init", StringComparison.Ordinal);
        var set = quickStart.IndexOf("dotnet user-secrets set \"HumanConnect:ClientSecret\"", StringComparison.Ordinal);
        Assert.InRange(init, 0, set - 1);
        // One AddHumanConnect per Program.cs, never two snippets a reader has to merge.
        Assert.All(ReadmeQuickStart.Blocks.Where(block => block.File == "Program.cs"), block =>
            Assert.Single(block.Code.Split("AddHumanConnect(").Skip(1)));
        Assert.Equal(2, quickStart.Split("AddHumanConnect(").Length - 1);
    }

    [Fact]
    public async Task The_quick_start_builds_as_written_on_the_packages_from_the_feed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var host = await FreshHost.CreateAsync(feed, "QuickStart", ["HumanConnect.AspNetCore"], ReadmeQuickStart.Files(), cancellationToken);

        await host.BuildAsync(cancellationToken);

        Assert.Equal(feed.FeedDirectory, host.RestoredSources(["HumanConnect.AspNetCore"])["HumanConnect.AspNetCore"]);
    }

    private static string QuickStartSection()
    {
        var readme = ReadmeQuickStart.Readme;
        var start = readme.IndexOf("\n## Quick start\n", StringComparison.Ordinal);
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return readme[start..end];
    }
}
