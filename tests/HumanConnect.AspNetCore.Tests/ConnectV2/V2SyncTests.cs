using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// <c>POST /connect/sync</c>: the browser's Connect events are not trusted, so the server mints an <c>access</c> token
/// itself, and stores the humanId and whether sources are connected. The endpoints of the other flow answer a clear problem.
/// </summary>
public sealed class V2SyncTests
{
    private static Task<HttpResponseMessage> SyncAsync(TestApp app, string? user = TestData.Alice, Antiforgery antiforgery = Antiforgery.Valid) =>
        app.PostAsync("/connect/sync", content: null, user, antiforgery);

    [Fact]
    public async Task After_a_new_user_connects_the_sync_stores_a_v2_record_from_the_session_s_humanId()
    {
        var store = new RecordingTokenStore();
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Session());
        await V2.RenderAsync(app, TestData.Alice);
        app.Upstream.ExpectToken(V2.Access());

        using var response = await SyncAsync(app);

        var answer = await response.AssertOkJsonAsync();
        Assert.True(answer.GetProperty("connected").GetBoolean());
        Assert.Equal(TestData.HumanId, answer.GetProperty("humanId").GetString());
        Assert.Equal(HumanTokens.ForConnectV2(TestData.HumanId, TestData.ClientUserIdOf(TestData.Alice), sourcesConnected: true), store[TestData.Alice]);
        var access = app.Upstream.TokenRequests()[1];
        Assert.Equal("access", access.GetProperty("type").GetString());
        Assert.Equal(TestData.ClientUserIdOf(TestData.Alice), access.GetProperty("client_user_id").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_next_page_view_after_a_sync_opens_Connect_for_a_returning_user()
    {
        var store = new RecordingTokenStore();
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Session()).ExpectToken(V2.Access()).ExpectToken(V2.Id());

        await V2.RenderAsync(app, TestData.Alice);
        (await SyncAsync(app)).EnsureSuccessStatusCode();
        var (output, _) = await V2.RenderAsync(app, TestData.Alice);

        Assert.Equal(V2.IdToken, output.Attributes["data-hapi-token"].Value);
        Assert.Equal("edit", output.Attributes["data-human-connect-state"].Value);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_a_cached_session_the_sync_learns_the_humanId_from_a_new_session()
    {
        var store = new RecordingTokenStore();
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Session());

        using var response = await SyncAsync(app);

        Assert.Equal(TestData.HumanId, (await response.AssertOkJsonAsync()).GetProperty("humanId").GetString());
        Assert.Equal(TestData.HumanId, store[TestData.Alice]!.HumanId);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_user_with_no_connected_source_is_not_connected_and_nothing_is_stored()
    {
        var store = new RecordingTokenStore();
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound));

        using var response = await SyncAsync(app);

        var answer = await response.AssertOkJsonAsync();
        Assert.False(answer.GetProperty("connected").GetBoolean());
        Assert.False(answer.TryGetProperty("humanId", out _));
        Assert.Null(store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_v2_user_who_disconnected_every_source_is_stored_as_not_connected_and_keeps_the_humanId()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = HumanTokens.ForConnectV2(TestData.HumanId, "v2-user", sourcesConnected: true) };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound));

        using var response = await SyncAsync(app);

        Assert.Equal(TestData.HumanId, (await response.AssertOkJsonAsync()).GetProperty("humanId").GetString());
        Assert.Equal(HumanTokens.ForConnectV2(TestData.HumanId, "v2-user", sourcesConnected: false), store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_legacy_user_confirmed_by_an_access_token_becomes_a_v2_user_with_the_same_humanId()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Access());

        using var response = await SyncAsync(app);

        await response.AssertOkJsonAsync();
        Assert.Equal("legacy-user-42", Assert.Single(app.Upstream.TokenRequests()).GetProperty("client_user_id").GetString());
        Assert.Equal(HumanTokens.ForConnectV2(TestData.HumanId, "legacy-user-42", sourcesConnected: true), store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_legacy_user_Human_API_refuses_keeps_the_legacy_record()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = V2.LegacyRecord() };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.NotFound));

        using var response = await SyncAsync(app);

        Assert.False((await response.AssertOkJsonAsync()).GetProperty("connected").GetBoolean());
        Assert.Equal(V2.LegacyRecord(), store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected)]
    [InlineData(HttpStatusCode.BadRequest, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected)]
    [InlineData(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable)]
    public async Task Human_API_failures_are_problems_that_echo_nothing(HttpStatusCode upstream, HttpStatusCode status, string errorCode)
    {
        var store = new RecordingTokenStore();
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Error(upstream));

        using var response = await SyncAsync(app);

        var problem = await response.AssertProblemAsync(status, errorCode);
        Assert.DoesNotContain("you sent", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("req-1234abcd", problem.ToString(), StringComparison.Ordinal);
        Assert.Null(store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task An_answer_that_is_not_json_is_502_upstream_invalid_response()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(UpstreamAnswers.Text(HttpStatusCode.OK, "<html>maintenance</html>", "text/html"));

        using var response = await SyncAsync(app);

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_slow_token_endpoint_is_504_upstream_timeout()
    {
        await using var app = await V2.StartAsync(o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        app.Upstream.ExpectToken(UpstreamAnswers.Hang());

        using var response = await SyncAsync(app);

        await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_is_502_upstream_unavailable()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken((_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.TemporaryRedirect)
        {
            Headers = { Location = new Uri("https://elsewhere.test/steal") },
        }));

        using var response = await SyncAsync(app);

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "ConnectTokenRedirected");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_that_fails_is_503_and_Human_API_is_not_called()
    {
        var store = new RecordingTokenStore { Unavailable = true };
        await using var app = await V2.StartAsync(store);

        using var response = await SyncAsync(app);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_save_that_fails_is_503()
    {
        var store = new RecordingTokenStore { FailSaves = true };
        await using var app = await V2.StartAsync(store);
        app.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Session());

        using var response = await SyncAsync(app);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Sync_needs_a_signed_in_user_and_an_antiforgery_token()
    {
        await using var app = await V2.StartAsync();

        using var anonymous = await SyncAsync(app, user: null, antiforgery: Antiforgery.None);
        using var missing = await SyncAsync(app, antiforgery: Antiforgery.MissingHeader);
        using var foreign = await SyncAsync(app, antiforgery: Antiforgery.OtherUsersToken);

        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        await missing.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        await foreign.AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Any_other_method_is_405_and_a_large_body_413()
    {
        await using var app = await V2.StartAsync();

        using var get = await app.Client.GetAsync("/connect/sync", TestContext.Current.CancellationToken);
        using var large = await app.PostAsync("/connect/sync", new StringContent(new string('x', 9000)));

        await get.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, HumanConnectErrorCodes.MethodNotAllowed);
        await large.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task In_the_legacy_flow_sync_answers_connect_version_mismatch()
    {
        await using var app = await TestApp.StartAsync();

        using var response = await SyncAsync(app);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.ConnectVersionMismatch);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task In_v2_the_legacy_endpoints_answer_connect_version_mismatch_and_call_nothing()
    {
        await using var app = await V2.StartAsync();

        using var finish = await app.FinishAsync(TestData.SessionTokenObject());
        using var publicToken = await app.PublicTokenAsync();

        await finish.AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.ConnectVersionMismatch);
        await publicToken.AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.ConnectVersionMismatch);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
