using System.Net;
using System.Text.RegularExpressions;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary><c>POST /v1/connect/tokens</c> over real HTTP: credentials, single use, expiry, rotation, wire format.</summary>
public sealed partial class TokensEndpointTests
{
    [Fact]
    public async Task Exchange_answers_the_documented_fields_in_real_formats()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");

        using var response = await sandbox.ExchangeAsync(session);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var tokens = await SandboxApp.ReadJsonAsync(response);
        Assert.Equal(session.GetProperty("humanId").GetString(), tokens.GetProperty("humanId").GetString());
        Assert.Matches(Hex24(), tokens.GetProperty("humanId").GetString());
        Assert.Matches(Hex32(), tokens.GetProperty("publicToken").GetString());
        Assert.Equal(SandboxApp.ClientId, tokens.GetProperty("clientId").GetString());
        Assert.Equal("user-1", tokens.GetProperty("clientUserId").GetString());
        var accessToken = tokens.GetProperty("accessToken").GetString()!;
        Assert.True(accessToken.Length >= 200, "real accessTokens are long");
        Assert.Contains('=', accessToken);
    }

    [Theory]
    [InlineData(SandboxApp.ClientId, "0000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000", SandboxApp.ClientSecret)]
    [InlineData(SandboxApp.ClientId, "")]
    public async Task Wrong_credentials_are_401_and_leave_the_session_token_unspent(string clientId, string clientSecret)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");

        using var refused = await sandbox.ExchangeAsync(session, clientSecret, clientId);
        using var accepted = await sandbox.ExchangeAsync(session);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("INVALID_CLIENT", (await SandboxApp.ReadJsonAsync(refused)).GetProperty("code").GetString());
        Assert.DoesNotContain(SandboxApp.ClientSecret, await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_session_token_is_single_use()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");

        using var first = await sandbox.ExchangeAsync(session);
        using var second = await sandbox.ExchangeAsync(session);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("INVALID_SESSION_TOKEN", (await SandboxApp.ReadJsonAsync(second)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Concurrent_exchanges_of_one_session_token_succeed_exactly_once()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => sandbox.ExchangeAsync(session)));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(response => response.StatusCode != HttpStatusCode.OK),
            response => Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode));
    }

    [Fact]
    public async Task A_session_token_expires_after_its_lifetime()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var fresh = await sandbox.CreateSessionAsync("user-1");
        var stale = await sandbox.CreateSessionAsync("user-2");

        sandbox.Time.Advance(HumanApiSandboxDefaults.SessionTokenLifetime - TimeSpan.FromSeconds(1));
        using var beforeExpiry = await sandbox.ExchangeAsync(fresh);
        sandbox.Time.Advance(TimeSpan.FromSeconds(1));
        using var atExpiry = await sandbox.ExchangeAsync(stale);

        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, atExpiry.StatusCode);
    }

    [Fact]
    public async Task A_session_token_presented_for_another_humanId_is_refused_and_spent()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var mine = await sandbox.CreateSessionAsync("user-1");
        var other = await sandbox.CreateSessionAsync("user-2");

        using var mismatched = await sandbox.PostAsync("/sandbox/v1/connect/tokens", new
        {
            humanId = other.GetProperty("humanId").GetString(),
            clientId = SandboxApp.ClientId,
            clientSecret = SandboxApp.ClientSecret,
            sessionToken = mine.GetProperty("sessionToken").GetString(),
        });
        using var retried = await sandbox.ExchangeAsync(mine);

        Assert.Equal(HttpStatusCode.BadRequest, mismatched.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, retried.StatusCode);
    }

    [Fact]
    public async Task The_publicToken_rotates_on_every_exchange_and_the_old_one_goes_stale()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var first = await sandbox.ConnectNewUserAsync("user-1");
        var firstPublicToken = first.GetProperty("publicToken").GetString();

        var edit = await sandbox.CreateSessionAsync("user-1", firstPublicToken, ["Starfleet Pharmacy", "Starfleet Medical"]);
        using var exchanged = await sandbox.ExchangeAsync(edit);
        var second = await SandboxApp.ReadJsonAsync(exchanged);
        using var withStaleToken = await sandbox.PostAsync("/sandbox/v1/connect/sessions", new
        {
            clientId = SandboxApp.ClientId, clientSecret = SandboxApp.ClientSecret, clientUserId = "user-1", publicToken = firstPublicToken,
        });

        Assert.Equal(first.GetProperty("humanId").GetString(), second.GetProperty("humanId").GetString());
        Assert.NotEqual(firstPublicToken, second.GetProperty("publicToken").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, withStaleToken.StatusCode);
        Assert.Equal("INVALID_PUBLIC_TOKEN", (await SandboxApp.ReadJsonAsync(withStaleToken)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_bad_json_is_400()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var form = await sandbox.Http.PostAsync("/sandbox/v1/connect/tokens", new FormUrlEncodedContent([new("humanId", "x")]), ct);
        using var broken = await sandbox.Http.PostAsync("/sandbox/v1/connect/tokens", new StringContent("{\"humanId\":", System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("INVALID_REQUEST", (await SandboxApp.ReadJsonAsync(broken)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Neither_the_secret_nor_an_accessToken_is_ever_logged()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        using var refused = await sandbox.ExchangeAsync(await sandbox.CreateSessionAsync("user-2"), clientSecret: "wrong-secret-value");

        var logs = sandbox.Host.AllLogText();
        Assert.Contains("refused", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxApp.ClientSecret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.GetProperty("accessToken").GetString()!, logs, StringComparison.Ordinal);
    }

    [GeneratedRegex("^[0-9a-f]{24}$")]
    private static partial Regex Hex24();

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Hex32();
}
