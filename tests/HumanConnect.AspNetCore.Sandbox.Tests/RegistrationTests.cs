using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Mistakes in wiring the sandbox fail at start-up, naming what to fix.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task Mapping_without_AddHumanApiSandbox_fails_at_startup_and_says_what_to_call()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            KestrelApp.StartAsync(_ => { }, app => app.MapHumanApiSandbox()));

        Assert.Contains("AddHumanApiSandbox", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_fail_at_startup_listing_every_problem()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => KestrelApp.StartAsync(
            builder => builder.Services.AddHumanApiSandbox(options =>
            {
                options.ClientSecret = "";
                options.SessionTokenLifetime = TimeSpan.Zero;
                options.DemoSources.Clear();
            }),
            app => app.MapHumanApiSandbox()));

        Assert.Equal(3, failure.Failures.Count());
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientId, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_demo_sources_are_what_the_page_lists()
    {
        await using var app = await KestrelApp.StartAsync(
            builder => builder.Services.AddHumanApiSandbox(options =>
            {
                options.DemoSources.Clear();
                options.DemoSources.Add("Deep Space Nine Clinic");
                options.AllowInProduction = true;   // KestrelApp runs in Production, the slim builder's default
            }),
            app => app.MapHumanApiSandbox());
        var http = app.CreateClient();

        using var response = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(http, "/sandbox/v1/ui/open",
            new { clientId = HumanApiSandboxDefaults.ClientId, clientUserId = "user-1" }, TestContext.Current.CancellationToken);
        var view = await SandboxApp.ReadJsonAsync(response);

        Assert.Equal(["Deep Space Nine Clinic"], view.GetProperty("sources").EnumerateArray().Select(source => source.GetProperty("name").GetString()));
    }
}
