using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// The button in Connect v2: the markup humanapi-connect-client binds to, the token minted on the server for the
/// signed-in user (<c>session</c> new, <c>id</c> returning), cached so later page views do not call Human API.
/// </summary>
public sealed class V2ButtonTests
{
    [Fact]
    public async Task A_new_user_gets_a_session_token_in_the_v2_markup_inside_a_token_container()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(V2.Session());

        var (output, html) = await V2.RenderAsync(app, TestData.Alice, email: "alice@example.com");

        var document = new HtmlParser().ParseDocument(html);
        var button = Assert.Single(document.QuerySelectorAll("div.hapi__token-container > button[data-hapi-token]"));
        Assert.Equal(V2.SessionToken, button.GetAttribute("data-hapi-token"));
        Assert.Equal(V2.BaseUrl, button.GetAttribute("data-hapi-base-url"));
        Assert.Equal("button", button.GetAttribute("type"));
        Assert.Equal("create", button.GetAttribute("data-human-connect-state"));
        Assert.Null(button.GetAttribute("data-human-connect"));
        var config = JsonDocument.Parse(button.GetAttribute("data-human-connect-v2")!).RootElement;
        Assert.Equal("/connect/sync", config.GetProperty("syncUrl").GetString());
        Assert.Equal("RequestVerificationToken", config.GetProperty("antiforgery").GetProperty("headerName").GetString());
        Assert.False(string.IsNullOrEmpty(config.GetProperty("antiforgery").GetProperty("token").GetString()));

        // The v2 client first, then the library's v2 script; neither legacy script.
        var scripts = document.QuerySelectorAll("script").Select(s => s.GetAttribute("src")!).ToList();
        Assert.Equal(2, scripts.Count);
        Assert.Equal(HumanConnectDefaults.ConnectClientScriptUrl, scripts[0]);
        Assert.StartsWith("/_content/HumanConnect.AspNetCore/human-connect-v2.js?", scripts[1], StringComparison.Ordinal);
        Assert.DoesNotContain(scripts, src => src.Contains("connect.js", StringComparison.Ordinal) && !src.Contains("v2", StringComparison.Ordinal));

        var sent = Assert.Single(app.Upstream.TokenRequests());
        Assert.Equal("session", sent.GetProperty("type").GetString());
        Assert.Equal(TestData.ClientId, sent.GetProperty("client_id").GetString());
        Assert.Equal(TestData.ClientSecret, sent.GetProperty("client_secret").GetString());
        Assert.Equal(TestData.ClientUserIdOf(TestData.Alice), sent.GetProperty("client_user_id").GetString());
        Assert.Equal("alice@example.com", sent.GetProperty("client_user_email").GetString());
        Assert.DoesNotContain(TestData.ClientSecret, html, StringComparison.Ordinal);
        Assert.Equal("button", output.TagName);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_an_email_claim_no_email_is_sent()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(V2.Session());

        await V2.RenderAsync(app, TestData.Alice);

        Assert.False(Assert.Single(app.Upstream.TokenRequests()).TryGetProperty("client_user_email", out _));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Later_page_views_use_the_cached_token_without_calling_Human_API()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(V2.Session());

        var first = await V2.RenderAsync(app, TestData.Alice);
        var second = await V2.RenderAsync(app, TestData.Alice);
        var third = await V2.RenderAsync(app, TestData.Alice);

        Assert.Single(app.Upstream.Requests);
        Assert.All(new[] { first, second, third }, view => Assert.Equal(V2.SessionToken, (string)view.Output.Attributes["data-hapi-token"].Value));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_cache_is_per_user()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(V2.Session(token: "SESSION-alice")).ExpectToken(V2.Session(humanId: "bobs-human-id", token: "SESSION-bob"));

        var alice = await V2.RenderAsync(app, TestData.Alice);
        var bob = await V2.RenderAsync(app, TestData.Bob);
        var aliceAgain = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("SESSION-alice", alice.Output.Attributes["data-hapi-token"].Value);
        Assert.Equal("SESSION-bob", bob.Output.Attributes["data-hapi-token"].Value);
        Assert.Equal("SESSION-alice", aliceAgain.Output.Attributes["data-hapi-token"].Value);
        Assert.Equal([TestData.ClientUserIdOf(TestData.Alice), TestData.ClientUserIdOf(TestData.Bob)],
            app.Upstream.TokenRequests().Select(r => r.GetProperty("client_user_id").GetString()));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_cached_token_is_minted_again_shortly_before_it_expires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var app = await V2.StartAsync(services: s => s.AddSingleton<TimeProvider>(time));
        app.Upstream.ExpectToken(V2.Session(expiresIn: 600)).ExpectToken(V2.Session(token: "SESSION-second", expiresIn: 600));

        await V2.RenderAsync(app, TestData.Alice);
        time.Advance(TimeSpan.FromSeconds(539));
        var beforeMargin = await V2.RenderAsync(app, TestData.Alice);
        time.Advance(TimeSpan.FromSeconds(2));
        var withinMargin = await V2.RenderAsync(app, TestData.Alice);

        // 600 s lives 540 s in the cache: a tenth of its lifetime, at most 60 s, before Human API's expiry.
        Assert.Equal(V2.SessionToken, beforeMargin.Output.Attributes["data-hapi-token"].Value);
        Assert.Equal("SESSION-second", withinMargin.Output.Attributes["data-hapi-token"].Value);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_token_without_a_lifetime_is_used_but_not_cached()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(UpstreamAnswers.Json(new { session_token = "SESSION-a", human_id = TestData.HumanId }))
            .ExpectToken(UpstreamAnswers.Json(new { session_token = "SESSION-b", human_id = TestData.HumanId }));

        var first = await V2.RenderAsync(app, TestData.Alice);
        var second = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("SESSION-a", first.Output.Attributes["data-hapi-token"].Value);
        Assert.Equal("SESSION-b", second.Output.Attributes["data-hapi-token"].Value);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_returning_user_gets_an_id_token_and_the_edit_state()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = HumanTokens.ForConnectV2(TestData.HumanId, "v2-client-user", sourcesConnected: true) };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Id());

        var (output, _) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal(V2.IdToken, output.Attributes["data-hapi-token"].Value);
        Assert.Equal("edit", output.Attributes["data-human-connect-state"].Value);
        var sent = Assert.Single(app.Upstream.TokenRequests());
        Assert.Equal("id", sent.GetProperty("type").GetString());
        Assert.Equal("v2-client-user", sent.GetProperty("client_user_id").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_legacy_user_is_a_returning_user_known_by_the_legacy_clientUserId()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Id());

        var (output, html) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("edit", output.Attributes["data-human-connect-state"].Value);
        Assert.Equal("legacy-user-42", Assert.Single(app.Upstream.TokenRequests()).GetProperty("client_user_id").GetString());
        Assert.DoesNotContain(TestData.PublicToken, html, StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_stored_user_Human_API_does_not_know_starts_a_session_that_must_name_the_stored_humanId()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound)).ExpectToken(V2.Session());

        var (output, _) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal(V2.SessionToken, output.Attributes["data-hapi-token"].Value);
        Assert.Equal("create", output.Attributes["data-human-connect-state"].Value);
        Assert.Equal(["id", "session"], app.Upstream.TokenRequests().Select(r => r.GetProperty("type").GetString()));
        Assert.All(app.Upstream.TokenRequests(), r => Assert.Equal("legacy-user-42", r.GetProperty("client_user_id").GetString()));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_session_for_another_humanId_than_the_stored_one_disables_the_button()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound)).ExpectToken(V2.Session(humanId: "someone-elses-human"));

        var (output, html) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("unavailable", output.Attributes["data-human-connect-state"].Value);
        Assert.True(output.Attributes.ContainsName("disabled"));
        Assert.DoesNotContain(V2.SessionToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "ConnectSessionHumanIdMismatch");
        Assert.Equal(V2.LegacyRecord(), store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task A_token_that_cannot_be_minted_disables_the_button_and_is_logged_without_the_body(HttpStatusCode status)
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(V2.Error(status, requestId: "req-77aa"));

        var (output, html) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("unavailable", output.Attributes["data-human-connect-state"].Value);
        Assert.Contains(HumanConnectButtonRendererTexts.Unavailable, html, StringComparison.Ordinal);
        Assert.DoesNotContain("hapi__token-container", html, StringComparison.Ordinal);
        var logs = app.Logs.GetSnapshot();
        Assert.Contains(logs, r => r.Id.Name == "ButtonConnectTokenFailed");
        Assert.Contains(logs, r => r.Id.Name == "ConnectTokenRefused" && r.Message.Contains("req-77aa", StringComparison.Ordinal));
        Assert.DoesNotContain(logs, r => SecretScan.Describe(r).Contains("you sent", StringComparison.Ordinal));

        // A failure is not cached: the next page view tries again.
        app.Upstream.ExpectToken(V2.Session());
        var retried = await V2.RenderAsync(app, TestData.Alice);
        Assert.Equal(V2.SessionToken, retried.Output.Attributes["data-hapi-token"].Value);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_that_fails_disables_the_button_without_calling_Human_API()
    {
        var store = new RecordingTokenStore { Unavailable = true };
        await using var app = await V2.StartAsync(store);

        var (output, _) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("unavailable", output.Attributes["data-human-connect-state"].Value);
        Assert.Empty(app.Upstream.Requests);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "ButtonStoreUnavailable");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Signed_out_visitors_get_nothing_and_no_call_is_made()
    {
        await using var app = await V2.StartAsync();

        var (output, html) = await V2.RenderAsync(app, user: null);

        Assert.Null(output.TagName);
        Assert.Empty(html);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_scripts_tag_for_a_signed_out_visitor_loads_only_the_librarys_v2_script()
    {
        await using var app = await V2.StartAsync();

        var html = ButtonHarness.Html(ButtonHarness.RenderScripts(V2.NewRequest(app, user: null)));

        var src = Assert.Single(new HtmlParser().ParseDocument(html).QuerySelectorAll("script")).GetAttribute("src")!;
        Assert.StartsWith("/_content/HumanConnect.AspNetCore/human-connect-v2.js?", src, StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task An_app_relative_client_script_and_base_url_are_made_for_the_browser()
    {
        await using var app = await V2.StartAsync(o =>
        {
            o.ConnectClientScriptUrl = "/hapi/client.js";
            o.ConnectClientBaseUrl = "/hapi/connect";
        });
        app.Upstream.ExpectToken(V2.Session());

        var (output, html) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal("https://shop.example/hapi/connect", output.Attributes["data-hapi-base-url"].Value);
        var src = new HtmlParser().ParseDocument(html).QuerySelectorAll("script")[0].GetAttribute("src")!;
        Assert.StartsWith("/hapi/client.js?v=", src, StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Option_attributes_become_the_clients_data_attributes_but_never_its_token()
    {
        await using var app = await V2.StartAsync(o => o.Mode = "wellness");
        app.Upstream.ExpectToken(V2.Session());

        var output = await ButtonHarness.RenderButtonAsync(V2.NewRequest(app, TestData.Alice), button =>
        {
            button.Options["pinned-providers"] = "starfleet";
            button.Options["token"] = "forged";
            button.Options["Bad Name"] = "x";
        });

        Assert.Equal("starfleet", output.Attributes["data-hapi-pinned-providers"].Value);
        Assert.Equal(V2.SessionToken, output.Attributes["data-hapi-token"].Value);
        Assert.DoesNotContain(output.Attributes, a => a.Name.Contains(' ', StringComparison.Ordinal));
        // The legacy UI mode means nothing to the v2 client.
        Assert.False(output.Attributes.ContainsName("data-hapi-mode"));
        app.AssertCleanUpstreamAndNoLeaks();
    }
}

/// <summary>The texts the renderer writes, as a test names them.</summary>
internal static class HumanConnectButtonRendererTexts
{
    public const string Unavailable = "Health data connection is unavailable right now";
}
