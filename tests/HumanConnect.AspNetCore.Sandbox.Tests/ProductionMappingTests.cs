using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The sandbox's credentials are public: in Production it is refused at map time unless explicitly allowed.</summary>
public sealed class ProductionMappingTests
{
    private static WebApplication Build(string environment, Action<HumanApiSandboxOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Services.AddHumanApiSandbox(configure);
        return builder.Build();
    }

    private static IEnumerable<FakeLogRecord> MappedInProductionWarnings(WebApplication app) =>
        app.Services.GetFakeLogCollector().GetSnapshot().Where(record => record.Id is { Id: 1001, Name: "SandboxMappedInProduction" });

    [Fact]
    public async Task Mapping_in_Production_throws_at_map_time_and_names_the_opt_in()
    {
        await using var app = Build("Production");

        var failure = Assert.Throws<InvalidOperationException>(() => app.MapHumanApiSandbox());

        Assert.Contains("Production", failure.Message, StringComparison.Ordinal);
        Assert.Contains("HumanApiSandboxOptions.AllowInProduction = true", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, failure.Message, StringComparison.Ordinal);
        Assert.Empty(MappedInProductionWarnings(app));
    }

    [Fact]
    public async Task Allowed_in_Production_it_serves_and_still_warns()
    {
        await using var app = await KestrelApp.StartAsync(
            builder => builder.Services.AddHumanApiSandbox(options => options.AllowInProduction = true),
            web => web.MapHumanApiSandbox());

        using var script = await app.CreateClient().GetAsync(new Uri("/sandbox/connect.js", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("Production", app.App.Environment.EnvironmentName);
        Assert.Equal(200, (int)script.StatusCode);
        var warning = Assert.Single(MappedInProductionWarnings(app.App));
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public async Task Other_environments_map_it_without_the_opt_in_or_a_warning(string environment)
    {
        await using var app = Build(environment);

        app.MapHumanApiSandbox();

        Assert.Empty(MappedInProductionWarnings(app));
    }
}
