using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary><c>GET {prefix}/connect/options</c>: the button's Connect options as JSON, for front ends that are not Razor.</summary>
public sealed class OptionsEndpointTests
{
    private const string Options = "/connect/options";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nobody_signed_in_is_a_401_problem_that_nothing_may_store()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.SendAsync(HttpMethod.Get, Options, user: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_user_who_never_connected_gets_create_mode_under_the_versioned_schema()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.SendAsync(HttpMethod.Get, Options);
        var options = await response.AssertOkJsonAsync();

        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal("human-connect-options/1", options.EnumerateObject().First().Value.GetString());
        Assert.Equal("create", options.GetProperty("state").GetString());
        Assert.Equal(TestData.ClientId, options.GetProperty("clientId").GetString());
        Assert.Equal(TestData.ClientUserIdOf(TestData.Alice), options.GetProperty("clientUserId").GetString());
        Assert.False(options.TryGetProperty("publicToken", out _));
        Assert.Equal("/connect/finish", options.GetProperty("finishUrl").GetString());
        Assert.Equal("/connect/options", options.GetProperty("optionsUrl").GetString());
        Assert.Equal(HumanConnectDefaults.ConnectScriptUrl, options.GetProperty("connectScriptUrl").GetString());
        Assert.Equal(HumanConnectDefaults.ButtonImageUrl, options.GetProperty("buttonImageUrl").GetString());
        Assert.Matches("^[0-9a-f]{64}$", options.GetProperty("owner").GetString());
        Assert.Equal("RequestVerificationToken", options.GetProperty("antiforgery").GetProperty("headerName").GetString());
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_connected_user_gets_edit_mode_with_the_stored_publicToken_and_never_the_accessToken()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        using var response = await app.SendAsync(HttpMethod.Get, Options);
        var options = await response.AssertOkJsonAsync();

        Assert.Equal("edit", options.GetProperty("state").GetString());
        Assert.Equal(TestData.OldPublicToken, options.GetProperty("publicToken").GetString());
        Assert.DoesNotContain(TestData.AccessToken, options.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("accessToken", options.GetRawText(), StringComparison.OrdinalIgnoreCase);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_user_whose_access_token_is_gone_gets_the_reconnect_state_with_the_publicToken()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens() with { AccessToken = string.Empty }, Ct);

        using var response = await app.SendAsync(HttpMethod.Get, Options);
        var options = await response.AssertOkJsonAsync();

        Assert.Equal("reconnect", options.GetProperty("state").GetString());
        Assert.Equal(TestData.OldPublicToken, options.GetProperty("publicToken").GetString());
        Assert.Equal("/connect/finish", options.GetProperty("finishUrl").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_lost_publicToken_is_renewed_stored_and_answered_in_edit_mode()
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(publicToken: null), Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Json(new Dictionary<string, string>
        {
            ["humanId"] = TestData.HumanId,
            ["publicToken"] = TestData.NewPublicToken,
        }));

        var options = await (await app.SendAsync(HttpMethod.Get, Options)).AssertOkJsonAsync();

        Assert.Equal("edit", options.GetProperty("state").GetString());
        Assert.Equal(TestData.NewPublicToken, options.GetProperty("publicToken").GetString());
        Assert.Equal(TestData.NewPublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "ButtonPublicTokenRenewed");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task When_the_lost_publicToken_cannot_be_renewed_the_state_is_unavailable_as_on_the_button(HttpStatusCode upstream)
    {
        await using var app = await TestApp.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(publicToken: null), Ct);
        app.Upstream.ExpectPublicTokens(UpstreamAnswers.Text(upstream, "nope"));

        var options = await (await app.SendAsync(HttpMethod.Get, Options)).AssertOkJsonAsync();

        Assert.Equal(["message", "schema", "state"], options.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("unavailable", options.GetProperty("state").GetString());
        Assert.Equal("Health data connection is unavailable right now", options.GetProperty("message").GetString());
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "ButtonPublicTokenRenewalFailed");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task When_the_store_fails_the_state_is_unavailable()
    {
        var backend = new HostTokenStoreBackend { FailGets = true };
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => services.AddSingleton(backend));

        var options = await (await app.SendAsync(HttpMethod.Get, Options)).AssertOkJsonAsync();

        Assert.Equal("unavailable", options.GetProperty("state").GetString());
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "ButtonStoreUnavailable");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Its_antiforgery_token_with_its_cookie_is_accepted_by_finish()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        using var optionsResponse = await app.SendAsync(HttpMethod.Get, Options);
        var options = await optionsResponse.AssertOkJsonAsync();
        var cookie = Assert.Single(optionsResponse.Headers.GetValues("Set-Cookie")).Split(';')[0];

        using var finish = new HttpRequestMessage(HttpMethod.Post, options.GetProperty("finishUrl").GetString())
        {
            Content = JsonContent.Create(TestData.SessionTokenObject()),
        };
        finish.Headers.Add(TestAuthenticationHandler.UserHeader, TestData.Alice);
        finish.Headers.Add("Cookie", cookie);
        var antiforgery = options.GetProperty("antiforgery");
        finish.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        using var finished = await app.Client.SendAsync(finish, Ct);

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal(TestData.PublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Urls_carry_the_group_prefix_and_the_PathBase()
    {
        await using var app = await TestApp.StartAsync(pathBase: "/base", map: a => a.MapGroup("/health").MapHumanConnect(),
            options: o => o.ConnectScriptUrl = "/sandbox/connect.js");

        var options = await (await app.SendAsync(HttpMethod.Get, "/health" + Options)).AssertOkJsonAsync();

        Assert.Equal("/base/health/connect/finish", options.GetProperty("finishUrl").GetString());
        Assert.Equal("/base/health/connect/options", options.GetProperty("optionsUrl").GetString());
        Assert.StartsWith("/base/sandbox/connect.js?v=", options.GetProperty("connectScriptUrl").GetString(), StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Any_method_but_GET_is_a_405_problem_naming_GET(string method)
    {
        await using var app = await TestApp.StartAsync();

        using var response = await app.SendAsync(new HttpMethod(method), Options);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        if (method != "HEAD")
        {
            await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, HumanConnectErrorCodes.MethodNotAllowed);
        }

        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData("none (PascalCase)")]
    [InlineData("snake_case")]
    public async Task The_schema_keeps_its_names_under_a_host_naming_policy(string policy)
    {
        await using var app = await TestApp.StartAsync(services: services =>
            services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy =
                policy == "snake_case" ? JsonNamingPolicy.SnakeCaseLower : null));

        var options = await (await app.SendAsync(HttpMethod.Get, Options)).AssertOkJsonAsync();

        Assert.True(options.TryGetProperty("clientUserId", out _));
        Assert.True(options.TryGetProperty("finishUrl", out _));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_endpoint_answers_what_the_button_renders()
    {
        await using var app = await TestApp.StartAsync(
            options: o =>
            {
                o.Language = "es";
                o.Modal = true;
                o.ConnectBaseUrl = "/sandbox/connect";
                o.FinishRedirectUrl = "/done";
                o.ExtraOptions["embed"] = "1";
            },
            map: a =>
            {
                a.MapHumanConnect();
                a.MapGet("/button", (Delegate)RenderButtonConfigAsync);
            });
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(), Ct);

        var options = await (await app.SendAsync(HttpMethod.Get, Options)).AssertOkJsonAsync();
        using var buttonResponse = await app.SendAsync(HttpMethod.Get, "/button");
        var button = JsonDocument.Parse(await buttonResponse.Content.ReadAsStringAsync(Ct)).RootElement;

        // The same schema, property by property; only the antiforgery request token is made afresh per request.
        Assert.Equal(Names(button), Names(options));
        foreach (var property in options.EnumerateObject().Where(p => p.Name != "antiforgery"))
        {
            Assert.Equal(property.Value.GetRawText(), button.GetProperty(property.Name).GetRawText());
        }

        Assert.Equal("es", options.GetProperty("language").GetString());
        Assert.Equal(1, options.GetProperty("modal").GetInt32());
        Assert.Equal("http://localhost/sandbox/connect", options.GetProperty("_baseURL").GetString());
        Assert.Equal("/done", options.GetProperty("redirectUrl").GetString());
        Assert.Equal("1", options.GetProperty("options").GetProperty("embed").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    private static string[] Names(JsonElement json) => [.. json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    /// <summary>The <c>data-human-connect</c> attribute of a <c>&lt;human-connect-button /&gt;</c> rendered for this request.</summary>
    private static async Task<IResult> RenderButtonConfigAsync(HttpContext httpContext)
    {
        var helper = new HumanConnectButtonTagHelper { ViewContext = new ViewContext { HttpContext = httpContext } };
        var output = new TagHelperOutput("human-connect-button", [],
            (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        await helper.ProcessAsync(new TagHelperContext([], new Dictionary<object, object>(), "id"), output);
        return Results.Text((string)output.Attributes["data-human-connect"].Value, "application/json");
    }
}
