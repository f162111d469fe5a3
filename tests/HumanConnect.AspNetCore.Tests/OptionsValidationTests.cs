using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>A misconfigured host fails at start-up, with every problem named at once.</summary>
public sealed partial class OptionsValidationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a host whose options are valid except for what <paramref name="configure"/> changes.</summary>
    private static async Task<OptionsValidationException?> StartFailureAsync(Action<HumanConnectOptions> configure)
    {
        var builder = TestApp.CreateBuilder();
        builder.Services.AddHumanConnect(o =>
        {
            o.ClientId = TestData.ClientId;
            o.ClientSecret = TestData.ClientSecret;
            configure(o);
        });
        await using var app = builder.Build();
        app.MapHumanConnect();
        try
        {
            await app.StartAsync(Ct);
            await app.StopAsync(Ct);
            return null;
        }
        catch (OptionsValidationException error)
        {
            return error;
        }
    }

    private static async Task<IReadOnlyList<string>> AssertStartFailsAsync(Action<HumanConnectOptions> configure)
    {
        var error = await StartFailureAsync(configure);
        Assert.NotNull(error);
        Assert.All(error.Failures, failure => Assert.StartsWith("HumanConnect:", failure, StringComparison.Ordinal));
        return [.. error.Failures];
    }

    [Fact]
    public async Task Valid_options_start()
    {
        Assert.Null(await StartFailureAsync(_ => { }));
    }

    [Fact]
    public async Task Missing_ClientId_and_ClientSecret_are_reported_together()
    {
        var failures = await AssertStartFailsAsync(o =>
        {
            o.ClientId = "";
            o.ClientSecret = " ";
        });

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("HumanConnect:ClientId ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HumanConnect:ClientSecret ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var failures = await AssertStartFailsAsync(o =>
        {
            o.ClientId = "";
            o.ClientSecret = "";
            o.TokensEndpoint = new Uri("http://user.humanapi.co/v1/connect/tokens");
            o.PublicTokensEndpoint = new Uri("http://user.humanapi.co/v1/connect/publictokens");
            o.ConnectScriptUrl = "//evil.example/x.js";
            o.UpstreamTimeout = TimeSpan.Zero;
        });

        string[] settings = ["ClientId", "ClientSecret", "TokensEndpoint", "PublicTokensEndpoint", "ConnectScriptUrl", "UpstreamTimeout"];
        Assert.Equal(settings.Length, failures.Count);
        Assert.All(settings, setting => Assert.Contains(failures, f => f.StartsWith($"HumanConnect:{setting} ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("http://user.humanapi.co/v1/connect/tokens")]
    [InlineData("http://10.0.0.5/v1/connect/tokens")]
    [InlineData("ftp://user.humanapi.co/v1/connect/tokens")]
    [InlineData("https://user.humanapi.co/v1/connect/tokens?debug=1")]
    public async Task TokensEndpoint_that_would_expose_the_secret_is_rejected(string url)
    {
        var failures = await AssertStartFailsAsync(o => o.TokensEndpoint = new Uri(url));

        Assert.StartsWith("HumanConnect:TokensEndpoint ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5010/v1/connect/tokens")]
    [InlineData("http://localhost:5010/v1/connect/tokens")]
    [InlineData("http://[::1]:5010/v1/connect/tokens")]
    public async Task Http_TokensEndpoint_on_loopback_is_allowed(string url)
    {
        Assert.Null(await StartFailureAsync(o => o.TokensEndpoint = new Uri(url)));
    }

    [Fact]
    public async Task Http_PublicTokensEndpoint_off_loopback_is_rejected()
    {
        var failures = await AssertStartFailsAsync(o => o.PublicTokensEndpoint = new Uri("http://user.humanapi.co/v1/connect/publictokens"));

        Assert.StartsWith("HumanConnect:PublicTokensEndpoint ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/x.js")]
    [InlineData("https://connect.humanapi.co/connect.js")]
    [InlineData("http://127.0.0.1:5010/connect.js")]
    public async Task ConnectScriptUrl_absolute_or_app_relative_is_allowed(string url)
    {
        Assert.Null(await StartFailureAsync(o => o.ConnectScriptUrl = url));
    }

    [Theory]
    [InlineData("//evil/x.js")]
    [InlineData("/\\evil/x.js")]
    [InlineData("javascript:alert(1)")]
    [InlineData("x.js")]
    [InlineData("")]
    public async Task ConnectScriptUrl_that_could_load_a_foreign_script_is_rejected(string url)
    {
        var failures = await AssertStartFailsAsync(o => o.ConnectScriptUrl = url);

        Assert.StartsWith("HumanConnect:ConnectScriptUrl ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(301)]
    public async Task UpstreamTimeout_out_of_range_is_rejected(int seconds)
    {
        var failures = await AssertStartFailsAsync(o => o.UpstreamTimeout = TimeSpan.FromSeconds(seconds));

        Assert.StartsWith("HumanConnect:UpstreamTimeout ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(16 * 1024 * 1024 + 1)]
    public async Task MaxUpstreamResponseBytes_out_of_range_is_rejected_naming_the_setting(int bytes)
    {
        var failures = await AssertStartFailsAsync(o => o.MaxUpstreamResponseBytes = bytes);

        Assert.StartsWith("HumanConnect:MaxUpstreamResponseBytes ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(16 * 1024 * 1024)]
    public async Task MaxUpstreamResponseBytes_at_the_bounds_is_allowed(int bytes)
    {
        Assert.Null(await StartFailureAsync(o => o.MaxUpstreamResponseBytes = bytes));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Empty_UserIdClaimType_is_rejected_naming_the_setting(string claimType)
    {
        var failures = await AssertStartFailsAsync(o => o.UserIdClaimType = claimType);

        Assert.StartsWith("HumanConnect:UserIdClaimType ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil/button.png")]
    [InlineData("javascript:alert(1)")]
    [InlineData("button.png")]
    [InlineData("")]
    public async Task ButtonImageUrl_that_could_load_from_anywhere_is_rejected_naming_the_setting(string url)
    {
        var failures = await AssertStartFailsAsync(o => o.ButtonImageUrl = url);

        Assert.StartsWith("HumanConnect:ButtonImageUrl ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil/connect")]
    [InlineData("/\\evil/connect")]
    [InlineData("ftp://connect.example/")]
    [InlineData("connect")]
    public async Task ConnectBaseUrl_that_is_not_http_or_app_relative_is_rejected_naming_the_setting(string url)
    {
        var failures = await AssertStartFailsAsync(o => o.ConnectBaseUrl = url);

        Assert.StartsWith("HumanConnect:ConnectBaseUrl ", Assert.Single(failures), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/sandbox")]
    [InlineData("https://connect.humanapi.co")]
    public async Task ConnectBaseUrl_absent_absolute_or_app_relative_is_allowed(string? url)
    {
        Assert.Null(await StartFailureAsync(o => o.ConnectBaseUrl = url));
    }

    [Theory]
    [InlineData("2e9574ecd415 c99346879d07689ec1c732c11036")]
    [InlineData("2e9574ecd415c99346879d07689ec1c732c11036 ")]
    [InlineData("2e9574ecd415\tc99346879d07689ec1c732c11036")]
    public async Task ClientId_with_spaces_or_control_characters_is_rejected_naming_the_setting(string clientId)
    {
        var failures = await AssertStartFailsAsync(o => o.ClientId = clientId);

        var failure = Assert.Single(failures);
        Assert.StartsWith("HumanConnect:ClientId ", failure, StringComparison.Ordinal);
        Assert.Contains("spaces", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failures_never_quote_the_secret()
    {
        var error = await StartFailureAsync(o =>
        {
            o.ClientId = "has spaces";
            o.TokensEndpoint = new Uri("http://user.humanapi.co/v1/connect/tokens");
        });

        Assert.NotNull(error);
        Assert.DoesNotContain(TestData.ClientSecret, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_bind_from_a_configuration_section()
    {
        var builder = TestApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HumanConnect:ClientId"] = TestData.ClientId,
            ["HumanConnect:ClientSecret"] = TestData.ClientSecret,
            ["HumanConnect:TokensEndpoint"] = "http://127.0.0.1:5010/v1/connect/tokens",
            ["HumanConnect:UpstreamTimeout"] = "00:00:07",
            ["HumanConnect:MaxUpstreamResponseBytes"] = "2048",
            ["HumanConnect:ConnectScriptUrl"] = "/sandbox/connect.js",
        });
        builder.Services.AddHumanConnect(builder.Configuration.GetSection(HumanConnectDefaults.ConfigurationSection));
        await using var app = builder.Build();
        await app.StartAsync(Ct);

        var options = app.Services.GetRequiredService<IOptions<HumanConnectOptions>>().Value;

        Assert.Equal(TestData.ClientId, options.ClientId);
        Assert.Equal(TestData.ClientSecret, options.ClientSecret);
        Assert.Equal(new Uri("http://127.0.0.1:5010/v1/connect/tokens"), options.TokensEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(7), options.UpstreamTimeout);
        Assert.Equal(2048, options.MaxUpstreamResponseBytes);
        Assert.Equal("/sandbox/connect.js", options.ConnectScriptUrl);
        Assert.Equal(HumanConnectDefaults.PublicTokensEndpoint, options.PublicTokensEndpoint);
    }

    [Fact]
    public async Task Options_bound_from_configuration_drive_the_exchange()
    {
        await using var app = await TestApp.StartAsync(configuration: new Dictionary<string, string?>
        {
            ["HumanConnect:ClientId"] = TestData.ClientId,
            ["HumanConnect:ClientSecret"] = TestData.ClientSecret,
            ["HumanConnect:TokensEndpoint"] = TestData.TokensEndpoint.ToString(),
        });
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();

        Assert.Contains(TestData.ClientSecret, app.Upstream.SingleRequest().Body, StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Missing_secret_in_configuration_fails_start_naming_the_setting()
    {
        var builder = TestApp.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["HumanConnect:ClientId"] = TestData.ClientId });
        builder.Services.AddHumanConnect(builder.Configuration.GetSection("HumanConnect"));
        await using var app = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));

        Assert.StartsWith("HumanConnect:ClientSecret ", Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}
