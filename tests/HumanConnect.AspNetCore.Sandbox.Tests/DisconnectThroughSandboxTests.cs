using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// <c>POST /connect/disconnect</c> against the sandbox's Application API over real HTTP: the user is deleted there,
/// the old token stops working, the button renders create mode, and a new connect works. Without an App Key the
/// sandbox still knows the user, and the answer says so.
/// </summary>
public sealed class DisconnectThroughSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Disconnect_deletes_the_user_at_Human_API_removes_the_record_and_a_new_connect_starts_in_create_mode()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.ConnectAsync(TestData.Alice);
        var before = (await app.StoredTokensOf(TestData.Alice))!;

        using var response = await alice.PostAsync("/connect/disconnect", content: null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var oldToken = await app.RawDataAsync(before.AccessToken, "profile");
        using var atHumanApi = await app.AppsAsync(HttpMethod.Get, before.HumanId);
        var button = await LibraryApp.RenderButtonAsync(alice);
        using var reconnected = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice), sources: SandboxApp.BothSources));
        var after = await app.StoredTokensOf(TestData.Alice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.True(answer.GetProperty("disconnected").GetBoolean());
        Assert.True(answer.GetProperty("humanApiUserDeleted").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, oldToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, atHumanApi.StatusCode);
        Assert.Equal("create", button.State);
        Assert.False(button.Config!.Value.TryGetProperty("publicToken", out _));
        Assert.Equal(HttpStatusCode.OK, reconnected.StatusCode);
        Assert.NotEqual(before.HumanId, after!.HumanId);
        Assert.True((await app.DataFor(TestData.Alice).GetProfileAsync(Ct)).Succeeded);
        AssertAbsent(app, body, before.AccessToken);
    }

    [Fact]
    public async Task Without_an_App_Key_the_record_goes_the_answer_says_Human_API_still_knows_the_user_and_it_does()
    {
        await using var app = await LibraryApp.StartAsync(postConfigure: o => o.AppKey = null);
        var alice = await app.ConnectAsync(TestData.Alice);
        var before = (await app.StoredTokensOf(TestData.Alice))!;

        using var response = await alice.PostAsync("/connect/disconnect", content: null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var atHumanApi = await app.AppsAsync(HttpMethod.Get, before.HumanId);
        using var oldToken = await app.RawDataAsync(before.AccessToken, "profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.False(answer.GetProperty("humanApiUserDeleted").GetBoolean());
        Assert.Contains("Human API still knows this user", answer.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await app.StoredTokensOf(TestData.Alice));
        Assert.Equal(HttpStatusCode.OK, atHumanApi.StatusCode);
        Assert.Equal(HttpStatusCode.OK, oldToken.StatusCode);
        Assert.Equal("create", (await LibraryApp.RenderButtonAsync(alice)).State);
        AssertAbsent(app, body, before.AccessToken);
    }

    [Fact]
    public async Task A_wrong_App_Key_is_502_app_key_rejected_and_nothing_is_removed_at_either_end()
    {
        await using var app = await LibraryApp.StartAsync(postConfigure: o => o.AppKey = "wrong-app-key-0000");
        var alice = await app.ConnectAsync(TestData.Alice);
        var before = (await app.StoredTokensOf(TestData.Alice))!;

        using var response = await alice.PostAsync("/connect/disconnect", content: null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var atHumanApi = await app.AppsAsync(HttpMethod.Get, before.HumanId);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(HumanConnectErrorCodes.AppKeyRejected, JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(before, await app.StoredTokensOf(TestData.Alice));
        Assert.Equal(HttpStatusCode.OK, atHumanApi.StatusCode);
        Assert.DoesNotContain("wrong-app-key-0000", body + app.Host.AllLogText(), StringComparison.Ordinal);
        AssertAbsent(app, body, before.AccessToken);
    }

    [Theory]
    [InlineData("serverError", HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable)]
    [InlineData("hang", HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout)]
    public async Task A_fault_at_the_Application_API_keeps_the_record_and_a_retry_disconnects(string fault, HttpStatusCode status, string errorCode)
    {
        await using var app = await LibraryApp.StartAsync(configure: o => o.UpstreamTimeout = TimeSpan.FromSeconds(1));
        var alice = await app.ConnectAsync(TestData.Alice);
        var before = (await app.StoredTokensOf(TestData.Alice))!;
        app.Faults.InjectFault(SandboxEndpoint.ApplicationApi, fault == "hang" ? SandboxFault.Hang : SandboxFault.ServerError(503));

        using var faulted = await alice.PostAsync("/connect/disconnect", content: null, Ct);
        var faultedBody = await faulted.Content.ReadAsStringAsync(Ct);
        var kept = await app.StoredTokensOf(TestData.Alice);
        using var retried = await alice.PostAsync("/connect/disconnect", content: null, Ct);

        Assert.Equal(status, faulted.StatusCode);
        Assert.Equal(errorCode, JsonDocument.Parse(faultedBody).RootElement.GetProperty("errorCode").GetString());
        Assert.Equal(before, kept);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Null(await app.StoredTokensOf(TestData.Alice));
        AssertAbsent(app, faultedBody, before.AccessToken);
    }

    [Fact]
    public async Task A_second_disconnect_is_404_not_connected()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.ConnectAsync(TestData.Alice);

        using var first = await alice.PostAsync("/connect/disconnect", content: null, Ct);
        using var second = await alice.PostAsync("/connect/disconnect", content: null, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HumanConnectErrorCodes.NotConnected,
            JsonDocument.Parse(await second.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errorCode").GetString());
    }

    /// <summary>The App Key, the client secret and the user's access token are in no answer and no log line.</summary>
    private static void AssertAbsent(LibraryApp app, string answer, string accessToken)
    {
        var text = answer + "\n" + app.Host.AllLogText();
        Assert.DoesNotContain(HumanApiSandboxDefaults.AppKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(accessToken, text, StringComparison.Ordinal);
    }
}
