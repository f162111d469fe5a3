using System.Net;
using System.Text;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.ConnectV2Calls;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Connect v2's token endpoint over real HTTP: the three types, their answers, and every refusal.</summary>
public sealed class ConnectTokenEndpointTests
{
    [Fact]
    public async Task Session_creates_the_user_and_answers_a_session_token_the_human_id_and_its_lifetime()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await TokenAsync(sandbox.Http, "session", "user-1");
        var body = await SandboxApp.ReadJsonAsync(response);
        var again = await MintAsync(sandbox.Http, "session", "user-1");
        var other = await MintAsync(sandbox.Http, "session", "user-2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(["expires_in", "human_id", "session_token"], body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches("^[0-9a-f]{24}$", body.GetProperty("human_id").GetString());
        Assert.Matches("^[0-9a-f]{32}$", body.GetProperty("session_token").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt64());
        Assert.Equal(body.GetProperty("human_id").GetString(), again.GetProperty("human_id").GetString());
        Assert.NotEqual(body.GetProperty("session_token").GetString(), again.GetProperty("session_token").GetString());
        Assert.NotEqual(body.GetProperty("human_id").GetString(), other.GetProperty("human_id").GetString());
        Assert.True(Guid.TryParse(Assert.Single(response.Headers.GetValues("x-humanapi-request-id")), out _));
    }

    [Fact]
    public async Task Id_answers_an_id_token_for_a_known_user_and_404_for_an_unknown_one()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await MintAsync(sandbox.Http, "session", "user-1");

        var id = await MintAsync(sandbox.Http, "id", "user-1");
        using var unknown = await TokenAsync(sandbox.Http, "id", "user-2");

        Assert.Equal(["id_token", "id_token_expires_in"], id.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Matches("^[0-9a-f]{32}$", id.GetProperty("id_token").GetString());
        Assert.Equal(3600, id.GetProperty("id_token_expires_in").GetInt64());
        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Access_is_refused_until_the_user_connects_a_source_then_answers_a_bearer_token_for_24_hours()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        using var unknown = await TokenAsync(sandbox.Http, "access", "user-1");
        var session = await MintAsync(sandbox.Http, "session", "user-1");
        using var withoutSources = await TokenAsync(sandbox.Http, "access", "user-1");

        await ConnectAsync(sandbox.Http, session.GetProperty("session_token").GetString()!);
        var access = await MintAsync(sandbox.Http, "access", "user-1");
        var second = await MintAsync(sandbox.Http, "access", "user-1");
        var legacy = (await sandbox.ConnectNewUserAsync("legacy-user")).GetProperty("accessToken").GetString()!;

        await AssertErrorAsync(unknown, HttpStatusCode.NotFound, "user_not_found");
        await AssertErrorAsync(withoutSources, HttpStatusCode.NotFound, "no_connected_sources");
        Assert.Equal(["access_token", "expires_in", "refresh_token", "token_type"], access.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(86400, access.GetProperty("expires_in").GetInt64());
        Assert.Equal("Bearer", access.GetProperty("token_type").GetString());
        Assert.False(string.IsNullOrEmpty(access.GetProperty("refresh_token").GetString()));
        Assert.Matches("^[A-Za-z0-9_-]{128}$", access.GetProperty("access_token").GetString());
        Assert.NotEqual(access.GetProperty("access_token").GetString(), second.GetProperty("access_token").GetString());
        Assert.DoesNotMatch("^[A-Za-z0-9_-]{128}$", legacy);
    }

    [Fact]
    public async Task Access_is_refused_again_once_every_source_is_disconnected()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await ConnectNewUserAsync(sandbox.Http, "user-1");
        var id = (await MintAsync(sandbox.Http, "id", "user-1")).GetProperty("id_token").GetString()!;

        await ConnectAsync(sandbox.Http, id, "Starfleet Pharmacy", connected: false);
        using var refused = await TokenAsync(sandbox.Http, "access", "user-1");

        await AssertErrorAsync(refused, HttpStatusCode.NotFound, "no_connected_sources");
    }

    [Theory]
    [InlineData("85a8c1af233b29386954fb452f26033c3608c9be", HumanApiSandboxDefaults.ClientSecret)]
    [InlineData(HumanApiSandboxDefaults.ClientId, "a222093922b32027714b0cc5efd6bf666543bd73")]
    [InlineData(HumanApiSandboxDefaults.ClientId, "")]
    public async Task An_unknown_client_or_a_wrong_secret_is_401_for_every_type_and_mints_nothing(string clientId, string clientSecret)
    {
        await using var sandbox = await SandboxApp.StartAsync();

        foreach (var type in new[] { "session", "id", "access", "bogus" })
        {
            using var response = await TokenAsync(sandbox.Http, type, "user-1", clientSecret, clientId);

            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
        }

        using var id = await TokenAsync(sandbox.Http, "id", "user-1");
        await AssertErrorAsync(id, HttpStatusCode.NotFound, "user_not_found");
    }

    [Theory]
    [InlineData("""{"client_id":"$id","client_secret":"$secret","client_user_id":"u"}""", "invalid_type")]
    [InlineData("""{"type":"id_token","client_id":"$id","client_secret":"$secret","client_user_id":"u"}""", "invalid_type")]
    [InlineData("""{"type":"Session","client_id":"$id","client_secret":"$secret","client_user_id":"u"}""", "invalid_type")]
    [InlineData("""{"type":"session","client_id":"$id","client_secret":"$secret"}""", "missing_client_user_id")]
    [InlineData("""{"type":"access","client_id":"$id","client_secret":"$secret","client_user_id":""}""", "missing_client_user_id")]
    [InlineData("""{"type":"session","client_id":"$id","client_secret":"$secret","client_user_id":"$long"}""", "client_user_id_too_long")]
    [InlineData("""{"type":"session","type":"id","client_id":"$id","client_secret":"$secret","client_user_id":"u"}""", "invalid_request")]
    [InlineData("""{"type":"session","TYPE":"id","client_id":"$id","client_secret":"$secret","client_user_id":"u"}""", "invalid_request")]
    [InlineData("""{"type":"session","client_id":"x","client_id":"$id","client_secret":"$secret","client_user_id":"u"}""", "invalid_request")]
    [InlineData("""{"type":"session","client_id":"$id","client_secret":"$secret","client_user_id":5}""", "invalid_request")]
    [InlineData("""{"type":"session","client_id":"$id","client_secret":"$secret","client_user_id":"u",""", "invalid_request")]
    [InlineData("""[]""", "invalid_request")]
    public async Task A_body_it_cannot_use_is_a_400_in_the_newer_error_shape(string template, string error)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var body = template.Replace("$id", SandboxApp.ClientId, StringComparison.Ordinal)
            .Replace("$secret", SandboxApp.ClientSecret, StringComparison.Ordinal)
            .Replace("$long", new string('u', 257), StringComparison.Ordinal);

        using var response = await PostRawAsync(sandbox, body, "application/json");
        var answer = await AssertErrorAsync(response, HttpStatusCode.BadRequest, error);

        Assert.Equal(answer.GetProperty("x-humanapi-request-id").GetString(), Assert.Single(response.Headers.GetValues("x-humanapi-request-id")));
        Assert.DoesNotContain(SandboxApp.ClientSecret, answer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_charset_other_than_utf_8_is_415_and_a_declared_body_over_16_KiB_is_413()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var latin1 = await PostRawAsync(sandbox, """{"type":"session"}""", "application/json; charset=iso-8859-1");
        using var large = await PostRawAsync(sandbox, $$"""{"type":"{{new string('x', 16 * 1024)}}"}""", "application/json", expectContinue: true);

        await AssertErrorAsync(latin1, HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        await AssertErrorAsync(large, HttpStatusCode.RequestEntityTooLarge, "body_too_large");
    }

    [Fact]
    public async Task A_client_user_id_is_any_utf_8_string_and_is_matched_exactly()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        const string clientUserId = "Zoë+ops@example.org";

        var humanId = await ConnectNewUserAsync(sandbox.Http, clientUserId);
        var again = await MintAsync(sandbox.Http, "session", clientUserId);
        using var encoded = await TokenAsync(sandbox.Http, "access", Uri.EscapeDataString(clientUserId));
        using var otherCase = await TokenAsync(sandbox.Http, "access", clientUserId.ToUpperInvariant());

        Assert.Equal(humanId, again.GetProperty("human_id").GetString());
        await AssertErrorAsync(encoded, HttpStatusCode.NotFound, "user_not_found");
        await AssertErrorAsync(otherCase, HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task Neither_the_secret_nor_any_token_is_logged()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await MintAsync(sandbox.Http, "session", "user-1");
        var sessionToken = session.GetProperty("session_token").GetString()!;
        await ConnectAsync(sandbox.Http, sessionToken);
        var idToken = (await MintAsync(sandbox.Http, "id", "user-1")).GetProperty("id_token").GetString()!;
        var access = await MintAsync(sandbox.Http, "access", "user-1");
        using var refused = await TokenAsync(sandbox.Http, "access", "user-1", clientSecret: "wrong-secret-" + SandboxApp.ClientSecret);

        var logs = sandbox.Host.AllLogText();

        Assert.Contains("SandboxConnectTokenMinted", string.Join(' ', sandbox.Host.Logs.GetSnapshot().Select(r => r.Id.Name)), StringComparison.Ordinal);
        foreach (var secret in new[] { SandboxApp.ClientSecret, sessionToken, idToken, access.GetProperty("access_token").GetString()!, access.GetProperty("refresh_token").GetString()! })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    private static async Task<HttpResponseMessage> PostRawAsync(SandboxApp sandbox, string body, string contentType, bool expectContinue = false)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, TokenPath) { Content = content };
        request.Headers.ExpectContinue = expectContinue;
        return await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
