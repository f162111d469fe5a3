using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests;

/// <summary>
/// <c>POST {prefix}/connect/disconnect</c>: the Application API's DELETE with the App Key (on the stub upstream), then the
/// local record; nothing removed when Human API cannot delete the user; the same filters as the other endpoints.
/// </summary>
public sealed class DisconnectEndpointTests
{
    private static readonly Uri DeleteUrl = new($"https://api.humanapi.co/v1/apps/{TestData.ClientId}/users/{TestData.HumanId}");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TestApp> StartConnectedAsync(string? appKey = TestData.AppKey, Action<HumanConnectOptions>? options = null,
        Action<WebApplication>? map = null, Action<IServiceCollection>? services = null)
    {
        var app = await TestApp.StartAsync(o =>
        {
            o.AppKey = appKey;
            options?.Invoke(o);
        }, map: map, services: services);
        await app.Store.SaveAsync(TestData.Alice, TestData.StoredTokens(publicToken: TestData.PublicToken), Ct);
        return app;
    }

    private static Task<HttpResponseMessage> DisconnectAsync(TestApp app, string? user = TestData.Alice, Antiforgery antiforgery = Antiforgery.Valid) =>
        app.PostAsync("/connect/disconnect", content: null, user, antiforgery);

    [Fact]
    public async Task Deletes_the_user_at_Human_API_with_the_App_Key_as_Basic_user_name_then_removes_the_record()
    {
        await using var app = await StartConnectedAsync();
        AuthenticationHeaderValue? sent = null;
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, (request, _) =>
        {
            sent = request.Headers.Authorization;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent));
        });

        var answer = await (await DisconnectAsync(app)).AssertOkJsonAsync();

        Assert.True(answer.GetProperty("disconnected").GetBoolean());
        Assert.True(answer.GetProperty("humanApiUserDeleted").GetBoolean());
        Assert.Equal("The user was deleted at Human API, and their stored tokens were removed.", answer.GetProperty("detail").GetString());
        Assert.Equal("Basic", sent!.Scheme);
        Assert.Equal(TestData.AppKey + ":", Encoding.UTF8.GetString(Convert.FromBase64String(sent.Parameter!)));
        Assert.Null(app.Upstream.SingleRequest().Body);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Name == "Disconnected");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_user_Human_API_no_longer_knows_is_disconnected_too()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Text(HttpStatusCode.NotFound, "no such user"));

        var answer = await (await DisconnectAsync(app)).AssertOkJsonAsync();

        Assert.True(answer.GetProperty("humanApiUserDeleted").GetBoolean());
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Without_an_App_Key_only_the_record_is_removed_and_the_answer_says_Human_API_still_knows_the_user()
    {
        await using var app = await StartConnectedAsync(appKey: null);

        var answer = await (await DisconnectAsync(app)).AssertOkJsonAsync();

        Assert.True(answer.GetProperty("disconnected").GetBoolean());
        Assert.False(answer.GetProperty("humanApiUserDeleted").GetBoolean());
        Assert.Contains("Human API still knows this user", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(app.Upstream.Requests);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        Assert.Single(app.Logs.GetSnapshot(), r => r.Id.Name == "DisconnectedLocallyOnly");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, HttpStatusCode.BadGateway, HumanConnectErrorCodes.AppKeyRejected)]
    [InlineData(HttpStatusCode.Forbidden, HttpStatusCode.BadGateway, HumanConnectErrorCodes.AppKeyRejected)]
    [InlineData(HttpStatusCode.BadRequest, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected)]
    [InlineData(HttpStatusCode.ServiceUnavailable, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable)]
    [InlineData(HttpStatusCode.TemporaryRedirect, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable)]
    public async Task When_Human_API_does_not_delete_the_user_nothing_is_removed(HttpStatusCode upstream, HttpStatusCode status, string errorCode)
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Text(upstream, "UPSTREAM-BODY " + TestData.AppKey));

        var problem = await (await DisconnectAsync(app)).AssertProblemAsync(status, errorCode);

        Assert.DoesNotContain("UPSTREAM-BODY", problem.ToString(), StringComparison.Ordinal);
        Assert.NotNull(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_Human_API_that_hangs_is_504_and_nothing_is_removed()
    {
        await using var app = await StartConnectedAsync(options: o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(200));
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Hang());

        await (await DisconnectAsync(app)).AssertProblemAsync(HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout);

        Assert.NotNull(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_user_with_nothing_stored_is_404_not_connected_and_Human_API_is_not_called()
    {
        await using var app = await StartConnectedAsync();

        await (await DisconnectAsync(app, TestData.Bob)).AssertProblemAsync(HttpStatusCode.NotFound, HumanConnectErrorCodes.NotConnected);

        Assert.NotNull(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_that_fails_to_remove_is_503_and_a_retry_completes_the_disconnect()
    {
        var store = new RecordingTokenStore();
        await using var app = await StartConnectedAsync(services: s => s.AddSingleton<IHumanTokenStore>(store));
        await store.SaveAsync(TestData.Alice, TestData.StoredTokens(publicToken: TestData.PublicToken), Ct);
        store.FailRemoves = true;
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Text(HttpStatusCode.NoContent, string.Empty));
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Text(HttpStatusCode.NotFound, string.Empty));

        await (await DisconnectAsync(app)).AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        store.FailRemoves = false;
        var retried = await (await DisconnectAsync(app)).AssertOkJsonAsync();

        Assert.True(retried.GetProperty("humanApiUserDeleted").GetBoolean());
        Assert.Null(store[TestData.Alice]);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Nobody_signed_in_is_401_and_a_missing_antiforgery_token_400_before_anything_is_read()
    {
        await using var app = await StartConnectedAsync();

        await (await DisconnectAsync(app, user: null)).AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        await (await DisconnectAsync(app, antiforgery: Antiforgery.MissingHeader)).AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);
        await (await DisconnectAsync(app, antiforgery: Antiforgery.OtherUsersToken)).AssertProblemAsync(HttpStatusCode.BadRequest, HumanConnectErrorCodes.AntiforgeryFailed);

        Assert.NotNull(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Other_methods_are_405_and_a_body_over_8_KiB_413()
    {
        await using var app = await StartConnectedAsync();

        using var get = await app.Client.GetAsync("/connect/disconnect", Ct);
        await get.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, HumanConnectErrorCodes.MethodNotAllowed);
        Assert.Equal("POST", get.Content.Headers.Allow.Single());
        using var big = await app.PostAsync("/connect/disconnect", new StringContent(new string('x', 9000), Encoding.UTF8, "application/json"));
        await big.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, HumanConnectErrorCodes.BodyTooLarge);

        Assert.NotNull(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Under_a_prefix_and_with_the_hosts_conventions()
    {
        await using var app = await StartConnectedAsync(map: a => a.MapGroup("/health").MapHumanConnect().RequireAuthorization(TestApp.OnlyBobPolicy));
        await app.Store.SaveAsync(TestData.Bob, TestData.StoredTokens(TestData.Bob, TestData.PublicToken), Ct);
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Text(HttpStatusCode.NoContent, string.Empty));

        using var alice = await app.PostAsync("/health/connect/disconnect", content: null, TestData.Alice);
        using var bob = await app.PostAsync("/health/connect/disconnect", content: null, TestData.Bob);

        Assert.Equal(HttpStatusCode.Forbidden, alice.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
        Assert.NotNull(await app.Store.GetAsync(TestData.Alice, Ct));
        Assert.Null(await app.Store.GetAsync(TestData.Bob, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_host_can_disconnect_a_user_from_its_own_code()
    {
        await using var app = await StartConnectedAsync();
        app.Upstream.Expect(HttpMethod.Delete, DeleteUrl, UpstreamAnswers.Text(HttpStatusCode.NoContent, string.Empty));
        using var scope = app.Services.CreateScope();
        var connections = scope.ServiceProvider.GetRequiredService<IHumanConnections>();

        var first = await connections.DisconnectAsync(TestData.Alice, Ct);
        var second = await connections.DisconnectAsync(TestData.Alice, Ct);

        Assert.Equal(new HumanDisconnectResult(HumanDisconnectFailure.None, HumanApiUserDeleted: true), first);
        Assert.Equal(HumanDisconnectFailure.NotConnected, second.Failure);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
