using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// The README's quick start registrations and middleware, on a slim builder with cookie sign-in, through TestServer:
/// how it behaves (Production refused without a shared store, 401 problems, antiforgery and validation). Only test
/// plumbing is added (the environment, the test server, configuration standing in for appsettings.json and
/// user-secrets, an ephemeral key ring, and a sign-in and a token endpoint standing in for the host's pages), and it
/// is marked as such. <c>tests/HumanConnect.AspNetCore.PackageTests</c> builds the README's blocks as written.
/// </summary>
public sealed class QuickStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Builds and starts the quick start; Development by default, as <c>dotnet run</c> starts it.</summary>
    private static async Task<WebApplication> StartQuickStartAsync(string environment = "Development")
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });

        // Test plumbing.
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HumanConnect:ClientId"] = TestData.ClientId,          // appsettings.json
            ["HumanConnect:ClientSecret"] = TestData.ClientSecret,  // user-secrets
        });

        // The quick start.
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        builder.Services.AddAuthorization();
        builder.Services.AddHumanConnect(builder.Configuration.GetSection("HumanConnect"));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHumanConnect();

        // Test plumbing: the host's sign-in, and the token its page would render with the button.
        app.MapGet("/signin", (HttpContext context) => context.SignInAsync(new ClaimsPrincipal(
            new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, TestData.Alice)], CookieAuthenticationDefaults.AuthenticationScheme))));
        app.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);

        try
        {
            await app.StartAsync(Ct);
        }
        catch
        {
            // A test that expects start-up to fail must not leak the half-built app.
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    [Fact]
    public async Task The_quick_start_in_Production_fails_at_start_up_and_names_the_ways_to_keep_tokens()
    {
        // No cache registered: the default store would keep tokens in this process's memory.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartQuickStartAsync("Production"));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("AddStackExchangeRedisCache", failure, StringComparison.Ordinal);
        Assert.Contains("AddTokenStore<T>()", failure, StringComparison.Ordinal);
        Assert.Contains("HumanConnect:AllowInMemoryTokenStore=true", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quick_start_answers_an_anonymous_finish_with_401_problem_not_a_login_redirect()
    {
        await using var app = await StartQuickStartAsync();
        using var client = app.GetTestClient();

        using var response = await client.PostAsJsonAsync("/connect/finish", TestData.SessionTokenObject(), Ct);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
    }

    [Fact]
    public async Task The_quick_start_serves_a_signed_in_user_through_antiforgery_binding_and_validation()
    {
        await using var app = await StartQuickStartAsync();
        using var client = app.GetTestClient();
        using var signIn = await client.GetAsync(new Uri("/signin", UriKind.Relative), Ct);
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie")).Split(';')[0];
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/antiforgery");
        tokenRequest.Headers.Add("Cookie", authCookie);
        using var tokenResponse = await client.SendAsync(tokenRequest, Ct);
        var antiforgeryCookie = Assert.Single(tokenResponse.Headers.GetValues("Set-Cookie")).Split(';')[0];
        var body = TestData.SessionTokenObject();
        body["clientId"] = TestData.OtherClientId;   // refused before Human API is called, which a test cannot reach
        using var finish = new HttpRequestMessage(HttpMethod.Post, "/connect/finish") { Content = JsonContent.Create(body) };
        finish.Headers.Add("Cookie", $"{authCookie}; {antiforgeryCookie}");
        finish.Headers.Add("RequestVerificationToken", await tokenResponse.Content.ReadAsStringAsync(Ct));

        using var response = await client.SendAsync(finish, Ct);

        Assert.Equal(["clientId"], await response.AssertValidationProblemAsync());
    }
}
