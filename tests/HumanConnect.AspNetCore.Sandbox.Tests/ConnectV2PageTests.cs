using System.Net;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.ConnectV2Calls;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The hosted v2 Connect page over real HTTP: its markup and the JSON calls its script makes, authorised by the session
/// or id token, with the parts of Human API's message objects they carry. The page in a browser is in
/// <see cref="ConnectV2BrowserTests"/>.
/// </summary>
public sealed class ConnectV2PageTests
{
    [Fact]
    public async Task A_session_token_opens_the_page_with_every_demo_source_unconnected_and_empty_results()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");

        using var response = await PageSessionAsync(sandbox.Http, token);
        var view = await SandboxApp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("session", view.GetProperty("tokenType").GetString());
        Assert.Equal(HumanApiSandboxDefaults.DemoSources, Names(view.GetProperty("sources")));
        Assert.Equal(["starfleetpharmacy", "starfleetmedical"], Names(view.GetProperty("sources"), "id"));
        Assert.All(view.GetProperty("sources").EnumerateArray(), source => Assert.False(source.GetProperty("connected").GetBoolean()));
        Assert.Empty(view.GetProperty("currentConnections").EnumerateArray());
        foreach (var part in new[] { "connectedSources", "disconnectedSources", "requestedSources" })
        {
            Assert.Empty(view.GetProperty("sessionResults").GetProperty(part).EnumerateArray());
        }
    }

    [Fact]
    public async Task Connecting_a_source_records_it_for_the_user_and_reports_it_as_this_sessions_result()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");

        var view = await ConnectAsync(sandbox.Http, token, "Starfleet Medical");
        using var access = await TokenAsync(sandbox.Http, "access", "user-1");
        var reopened = await SandboxApp.ReadJsonAsync(await PageSessionAsync(sandbox.Http, token));

        var connected = Assert.Single(view.GetProperty("sessionResults").GetProperty("connectedSources").EnumerateArray());
        Assert.Equal("Starfleet Medical", connected.GetProperty("name").GetString());
        Assert.Equal("starfleetmedical", connected.GetProperty("id").GetString());
        Assert.Equal(["Starfleet Medical"], Names(view.GetProperty("currentConnections")));
        Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        Assert.Equal(["Starfleet Medical"], Names(reopened.GetProperty("sessionResults").GetProperty("connectedSources")));
    }

    [Fact]
    public async Task An_id_token_shows_a_returning_users_sources_and_disconnecting_one_is_this_sessions_result()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await SessionTokenAsync(sandbox.Http, "user-1");
        await ConnectAsync(sandbox.Http, session, "Starfleet Pharmacy");
        await ConnectAsync(sandbox.Http, session, "Starfleet Medical");
        var id = (await MintAsync(sandbox.Http, "id", "user-1")).GetProperty("id_token").GetString()!;

        var opened = await SandboxApp.ReadJsonAsync(await PageSessionAsync(sandbox.Http, id));
        var view = await ConnectAsync(sandbox.Http, id, "Starfleet Pharmacy", connected: false);
        var results = view.GetProperty("sessionResults");

        Assert.Equal("id", opened.GetProperty("tokenType").GetString());
        Assert.Empty(opened.GetProperty("sessionResults").GetProperty("connectedSources").EnumerateArray());
        Assert.Equal(["Starfleet Pharmacy", "Starfleet Medical"], Names(opened.GetProperty("currentConnections")));
        Assert.Empty(results.GetProperty("connectedSources").EnumerateArray());
        Assert.Equal(["Starfleet Pharmacy"], Names(results.GetProperty("disconnectedSources")));
        Assert.Equal(["Starfleet Medical"], Names(view.GetProperty("currentConnections")));
    }

    [Fact]
    public async Task A_missing_unknown_or_expired_token_is_refused_with_the_status_the_page_closes_with()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");
        using var missing = await PageSessionAsync(sandbox.Http, null);
        using var empty = await PageSessionAsync(sandbox.Http, "");
        using var unknown = await PageSessionAsync(sandbox.Http, "0123456789abcdef0123456789abcdef");

        sandbox.Time.Advance(HumanApiSandboxDefaults.ConnectTokenLifetime);
        using var expired = await PageSessionAsync(sandbox.Http, token);
        using var expiredSource = await PageSourceAsync(sandbox.Http, token, "Starfleet Medical", connected: true);
        using var access = await TokenAsync(sandbox.Http, "access", "user-1");

        await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "MISSING_SESSION_TOKEN");
        await AssertErrorAsync(empty, HttpStatusCode.BadRequest, "MISSING_SESSION_TOKEN");
        await AssertErrorAsync(unknown, HttpStatusCode.Unauthorized, "SESSION_TOKEN_INVALID");
        await AssertErrorAsync(expired, HttpStatusCode.Unauthorized, "SESSION_TOKEN_EXPIRED");
        await AssertErrorAsync(expiredSource, HttpStatusCode.Unauthorized, "SESSION_TOKEN_EXPIRED");
        await AssertErrorAsync(access, HttpStatusCode.NotFound, "no_connected_sources");
    }

    [Fact]
    public async Task A_token_is_live_until_its_lifetime_ends()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");

        sandbox.Time.Advance(HumanApiSandboxDefaults.ConnectTokenLifetime - TimeSpan.FromSeconds(1));
        using var response = await PageSessionAsync(sandbox.Http, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"token":"$t","source":"Starfleet Dentistry","connected":true}""", "UNKNOWN_SOURCE")]
    [InlineData("""{"token":"$t","source":"starfleetmedical","connected":true}""", "UNKNOWN_SOURCE")]
    [InlineData("""{"token":"$t","connected":true}""", "INVALID_REQUEST")]
    [InlineData("""{"token":"$t","source":"Starfleet Medical"}""", "INVALID_REQUEST")]
    [InlineData("""{"token":"$t","source":"Starfleet Medical","connected":"yes"}""", "INVALID_REQUEST")]
    [InlineData("""{"token":"$t","token":"$t","source":"Starfleet Medical","connected":true}""", "INVALID_REQUEST")]
    public async Task A_source_call_it_cannot_use_is_a_400_and_changes_nothing(string template, string error)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = await SessionTokenAsync(sandbox.Http, "user-1");
        using var content = new StringContent(template.Replace("$t", token, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");

        using var response = await sandbox.Http.PostAsync("/sandbox/hapi-connect/api/source", content, TestContext.Current.CancellationToken);
        using var access = await TokenAsync(sandbox.Http, "access", "user-1");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, error);
        Assert.Equal(HttpStatusCode.NotFound, access.StatusCode);
    }

    [Fact]
    public async Task The_page_is_served_at_the_clients_base_url_with_a_strict_csp_and_no_inline_code()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await sandbox.Http.GetAsync("/sandbox/hapi-connect?token=abc&mode=auth", ct);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(ct));
        var scripts = document.QuerySelectorAll("script");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("/sandbox/hapi-connect/assets/hapi-connect.js", Assert.Single(scripts).GetAttribute("src"));
        Assert.All(scripts, script => Assert.Empty(script.TextContent));
        Assert.Empty(document.QuerySelectorAll("[style]"));
        Assert.Equal("/sandbox/hapi-connect/api", document.QuerySelector("[role=dialog]")!.GetAttribute("data-api"));
        Assert.DoesNotContain("abc", document.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
