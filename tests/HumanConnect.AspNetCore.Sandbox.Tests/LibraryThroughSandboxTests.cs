using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The library's own endpoints, end to end through the sandbox over real loopback HTTP: what a host gets from
/// <c>AddHumanConnect(...).UseHumanApiSandbox()</c>, <c>MapHumanConnect()</c> and <c>MapHumanApiSandbox()</c>.
/// </summary>
public sealed class LibraryThroughSandboxTests
{
    [Fact]
    public async Task Finish_exchanges_the_session_token_stores_the_tokens_and_answers_no_secret()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var response = await LibraryApp.FinishAsync(alice, session);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var stored = await app.StoredTokensOf(TestData.Alice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(stored);
        var answer = JsonDocument.Parse(body).RootElement;
        Assert.Equal(session.GetProperty("humanId").GetString(), answer.GetProperty("humanId").GetString());
        Assert.Equal(stored.PublicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(app.ClientUserIdOf(TestData.Alice), stored.ClientUserId);
        Assert.DoesNotContain(stored.AccessToken, body, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, body, StringComparison.Ordinal);
        var logs = app.Host.AllLogText();
        Assert.DoesNotContain(stored.AccessToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_session_token_a_second_time_is_answered_from_the_store_and_never_reaches_the_sandbox()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var first = await LibraryApp.FinishAsync(alice, session);
        var storedAfterFirst = await app.StoredTokensOf(TestData.Alice);
        using var second = await LibraryApp.FinishAsync(alice, session);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(storedAfterFirst!.PublicToken,
            JsonDocument.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("publicToken").GetString());
        Assert.Equal(storedAfterFirst, await app.StoredTokensOf(TestData.Alice));
        // Sent twice, the sandbox would have refused it (a session token is single-use): it saw one exchange only.
        Assert.Single(app.Host.Logs.GetSnapshot(), record => record.Id.Name == "SandboxExchanged");
        Assert.DoesNotContain(app.Host.Logs.GetSnapshot(), record => record.Id.Name == "SandboxRefused");
    }

    [Fact]
    public async Task Another_users_session_is_refused_and_nothing_is_stored()
    {
        await using var app = await LibraryApp.StartAsync();
        var mallory = await app.SignInAsync(TestData.Mallory);
        var alicesSession = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var response = await LibraryApp.FinishAsync(mallory, alicesSession);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientUserMismatch);
        Assert.Null(await app.StoredTokensOf(TestData.Mallory));
    }

    [Theory]
    [InlineData("serverError", HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable)]
    [InlineData("malformedBody", HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse)]
    [InlineData("hang", HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout)]
    [InlineData("slowerThanTimeout", HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout)]
    public async Task Each_fault_on_tokens_becomes_its_problem_and_the_session_token_survives_for_a_retry(
        string fault, HttpStatusCode status, string errorCode)
    {
        // Short enough to keep the test quick, long enough for a healthy loopback call on a busy machine.
        await using var app = await LibraryApp.StartAsync(configure: options => options.UpstreamTimeout = TimeSpan.FromSeconds(1));
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));
        app.Faults.InjectFault(SandboxEndpoint.Tokens, ToFault(fault));

        using var faulted = await LibraryApp.FinishAsync(alice, session);
        var storedAfterFault = await app.StoredTokensOf(TestData.Alice);
        using var retried = await LibraryApp.FinishAsync(alice, session);

        await AssertProblemAsync(faulted, status, errorCode);
        Assert.Null(storedAfterFault);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task Latency_within_the_timeout_still_succeeds()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));
        app.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.Latency(TimeSpan.FromMilliseconds(50)));

        using var response = await LibraryApp.FinishAsync(alice, session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Public_token_refresh_rotates_the_token_through_the_sandbox_and_stores_it()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        using var finished = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var before = await app.StoredTokensOf(TestData.Alice);

        using var response = await alice.PostAsync("/connect/public-token", content: null, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var after = await app.StoredTokensOf(TestData.Alice);

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(before!.PublicToken, after!.PublicToken);
        Assert.Equal(after.PublicToken, JsonDocument.Parse(body).RootElement.GetProperty("publicToken").GetString());
        Assert.Equal(before.AccessToken, after.AccessToken);
        Assert.DoesNotContain(after.AccessToken, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fault_on_publictokens_is_502_upstream_unavailable()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        using var finished = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        app.Faults.InjectFault(SandboxEndpoint.PublicTokens, SandboxFault.ServerError(503));

        using var response = await alice.PostAsync("/connect/public-token", content: null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        await AssertProblemAsync(response, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
    }

    [Theory]
    [InlineData("malformedBody", HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamInvalidResponse)]
    [InlineData("hang", HttpStatusCode.GatewayTimeout, HumanConnectErrorCodes.UpstreamTimeout)]
    public async Task Each_fault_on_publictokens_becomes_its_problem_and_the_stored_token_still_refreshes_afterwards(
        string fault, HttpStatusCode status, string errorCode)
    {
        await using var app = await LibraryApp.StartAsync(configure: options => options.UpstreamTimeout = TimeSpan.FromSeconds(1));
        var alice = await app.SignInAsync(TestData.Alice);
        using var finished = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var before = await app.StoredTokensOf(TestData.Alice);
        app.Faults.InjectFault(SandboxEndpoint.PublicTokens, ToFault(fault));

        using var faulted = await alice.PostAsync("/connect/public-token", content: null, TestContext.Current.CancellationToken);
        var afterFault = await app.StoredTokensOf(TestData.Alice);
        using var retried = await alice.PostAsync("/connect/public-token", content: null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        await AssertProblemAsync(faulted, status, errorCode);
        Assert.Equal(before, afterFault);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.NotEqual(before!.PublicToken, (await app.StoredTokensOf(TestData.Alice))!.PublicToken);
    }

    [Fact]
    public async Task A_wrong_client_secret_is_502_upstream_rejected_leaks_neither_secret_and_spends_no_session_token()
    {
        const string wrongSecret = "0f0e0d0c0b0a09080706050403020100f0e0d0c0";
        await using var app = await LibraryApp.StartAsync(postConfigure: options => options.ClientSecret = wrongSecret);
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var response = await LibraryApp.FinishAsync(alice, session);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var withTheRightSecret = await app.Anonymous.PostAsJsonAsync($"{app.Prefix}/v1/connect/tokens", new
        {
            humanId = session.GetProperty("humanId").GetString(),
            clientId = HumanApiSandboxDefaults.ClientId,
            clientSecret = HumanApiSandboxDefaults.ClientSecret,
            sessionToken = session.GetProperty("sessionToken").GetString(),
        }, TestContext.Current.CancellationToken);

        Assert.Equal(wrongSecret, app.Host.Services.GetRequiredService<IOptions<HumanConnectOptions>>().Value.ClientSecret);
        await AssertProblemAsync(response, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected);
        Assert.DoesNotContain(wrongSecret, body, StringComparison.Ordinal);
        Assert.Null(await app.StoredTokensOf(TestData.Alice));
        var logs = app.Host.AllLogText();
        Assert.Contains("invalid client credentials", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, logs, StringComparison.Ordinal);
        // The sandbox checks the credentials before it spends the session token, as a retry after fixing them needs.
        Assert.Equal(HttpStatusCode.OK, withTheRightSecret.StatusCode);
    }

    [Fact]
    public async Task A_second_connect_in_edit_mode_rotates_the_stored_publicToken_and_the_sandbox_refuses_the_old_one()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var clientUserId = app.ClientUserIdOf(TestData.Alice);
        using var first = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(clientUserId));
        var afterFirst = (await app.StoredTokensOf(TestData.Alice))!;

        var edit = await app.ConnectThroughPageAsync(clientUserId, afterFirst.PublicToken!);
        using var second = await LibraryApp.FinishAsync(alice, edit);
        var afterSecond = (await app.StoredTokensOf(TestData.Alice))!;
        var answer = JsonDocument.Parse(await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        using var withTheOld = await app.Anonymous.PostAsJsonAsync($"{app.Prefix}/v1/ui/open",
            new { clientId = HumanApiSandboxDefaults.ClientId, clientUserId, publicToken = afterFirst.PublicToken }, TestContext.Current.CancellationToken);
        using var withTheNew = await app.Anonymous.PostAsJsonAsync($"{app.Prefix}/v1/ui/open",
            new { clientId = HumanApiSandboxDefaults.ClientId, clientUserId, publicToken = afterSecond.PublicToken }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(afterFirst.HumanId, afterSecond.HumanId);
        Assert.Equal(afterFirst.AccessToken, afterSecond.AccessToken);
        Assert.NotEqual(afterFirst.PublicToken, afterSecond.PublicToken);
        Assert.Equal(afterSecond.PublicToken, answer.GetProperty("publicToken").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, withTheOld.StatusCode);
        Assert.Equal("INVALID_PUBLIC_TOKEN", (await SandboxApp.ReadJsonAsync(withTheOld)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, withTheNew.StatusCode);
    }

    [Fact]
    public async Task UseHumanApiSandbox_wins_over_configuration_and_points_the_browser_at_app_relative_urls()
    {
        await using var app = await LibraryApp.StartAsync(prefix: "/dev/hapi");

        var options = app.Host.Services.GetRequiredService<IOptions<HumanConnectOptions>>().Value;

        Assert.Equal(HumanApiSandboxDefaults.ClientId, options.ClientId);
        Assert.Equal(HumanApiSandboxDefaults.ClientSecret, options.ClientSecret);
        Assert.Equal("/dev/hapi/connect.js", options.ConnectScriptUrl);
        Assert.Equal("/dev/hapi", options.ConnectBaseUrl);
        Assert.Equal("http://localhost/dev/hapi/v1/connect/tokens", options.TokensEndpoint.ToString());
        Assert.Equal("http://localhost/dev/hapi/v1/connect/publictokens", options.PublicTokensEndpoint.ToString());
    }

    [Fact]
    public async Task A_custom_prefix_works_end_to_end()
    {
        await using var app = await LibraryApp.StartAsync(prefix: "/dev/hapi");
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static SandboxFault ToFault(string name) => name switch
    {
        "serverError" => SandboxFault.ServerError(),
        "malformedBody" => SandboxFault.MalformedBody,
        "hang" => SandboxFault.Hang,
        "slowerThanTimeout" => SandboxFault.Latency(TimeSpan.FromSeconds(30)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errorCode, JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString());
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, body, StringComparison.Ordinal);
    }
}
