using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumanConnect.AspNetCore.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Redis dies under a running instance (its own redis-server, killed outright, restarted on the same port with its
/// append-only file): the endpoints answer 503 <c>store_unavailable</c>, nothing is half-written, and the same
/// instance works again once Redis is back, with no restart.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private readonly string _user = "alice-" + Guid.NewGuid().ToString("N");
    private RedisServerProcess _redis = null!;
    private InstanceApp _app = null!;
    private bool _killOnNextExchange;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisServerProcess.StartAsync(persistent: true);
        _app = await InstanceApp.StartAsync("HumanConnect.Outage", redis => redis.ConfigurationOptions = FailingFast(_redis.Port),
            options: options => options.UpstreamTimeout = TimeSpan.FromSeconds(1),
            beforeEveryRequest: async context =>
            {
                if (_killOnNextExchange && context.Request.Path == $"{InstanceApp.SandboxPrefix}/v1/connect/tokens")
                {
                    _killOnNextExchange = false;
                    await _redis.KillAsync();
                }
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task With_Redis_down_both_endpoints_answer_503_nothing_reaches_Human_API_and_the_instance_recovers_when_it_is_back()
    {
        var alice = await _app.SignInAsync(_user);
        await OkAsync(await _app.FinishAsync(alice, await _app.CreateSessionAsync(_user)));
        var before = (await _app.StoredTokensOf(_user))!;
        var next = await _app.CreateSessionAsync(_user, publicToken: before.PublicToken);

        await _redis.KillAsync();
        await WaitUntilDisconnectedAsync();
        using var refresh = await _app.PublicTokenAsync(alice);
        using var finish = await _app.FinishAsync(alice, next);
        var button = await _app.ButtonAsync(alice);
        await _redis.StartAgainAsync();
        await Eventually.UntilAsync(async () => (await _app.ButtonAsync(alice)).State == "edit", "the instance reads Redis again");
        var afterOutage = await _app.StoredTokensOf(_user);
        var finishedAfterwards = await OkAsync(await _app.FinishAsync(alice, next));

        await AssertStoreUnavailableAsync(refresh);
        await AssertStoreUnavailableAsync(finish);
        Assert.Equal("unavailable", button.State);
        Assert.Equal(before, afterOutage);
        // The token posted during the outage never left the instance, and no claim on it was left behind.
        Assert.Equal(2, _app.CountOf("SandboxExchanged"));
        Assert.Equal((await _app.StoredTokensOf(_user))!.PublicToken, finishedAfterwards.GetProperty("publicToken").GetString());
        Assert.Equal(200, await _app.OpenEditModeAsync(_user, finishedAfterwards.GetProperty("publicToken").GetString()!));
        AssertNothingSecretLogged(before, next);
    }

    [Fact]
    public async Task With_Redis_dying_during_an_exchange_the_finish_is_503_nothing_is_stored_and_a_refresh_heals_the_publicToken_once_Redis_is_back()
    {
        var alice = await _app.SignInAsync(_user);
        await OkAsync(await _app.FinishAsync(alice, await _app.CreateSessionAsync(_user)));
        var before = (await _app.StoredTokensOf(_user))!;
        var next = await _app.CreateSessionAsync(_user, publicToken: before.PublicToken);

        _killOnNextExchange = true;
        using var finish = await _app.FinishAsync(alice, next);
        await _redis.StartAgainAsync();
        await Eventually.UntilAsync(async () => (await _app.ButtonAsync(alice)).State == "edit", "the instance reads Redis again");
        var afterOutage = await _app.StoredTokensOf(_user);
        // The exchange went through at Human API, so the stored publicToken is stale now; and the user's lock, which
        // could not be released while Redis was down, holds until its lease (three upstream timeouts) ends.
        var database = (await _app.Services.GetRequiredService<RedisConnection>().GetMultiplexerAsync()).GetDatabase();
        await Eventually.UntilAsync(async () => !await database.KeyExistsAsync(UserLockKeyOf(_user)), "the user's lock frees itself");
        await OkAsync(await _app.PublicTokenAsync(alice));

        await AssertStoreUnavailableAsync(finish);
        Assert.Equal(before, afterOutage);
        Assert.Equal(401, await _app.OpenEditModeAsync(_user, before.PublicToken!));
        Assert.Equal(200, await _app.OpenEditModeAsync(_user, (await _app.StoredTokensOf(_user))!.PublicToken!));
        AssertNothingSecretLogged(before, next);
    }

    /// <summary>The failures were logged, by exception type only: no user id, access token or session token.</summary>
    private void AssertNothingSecretLogged(HumanTokens stored, JsonElement session)
    {
        var logs = _app.AllLogText();
        Assert.True(_app.CountOf("StoreFailed") + _app.CountOf("CoordinatorFailed") > 0, "the outage was not logged");
        Assert.DoesNotContain(_user, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.AccessToken, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(session.GetProperty("sessionToken").GetString()!, logs, StringComparison.Ordinal);
    }

    /// <summary>The user's lock as the library names it in Redis: a SHA-256 of the local user id, never the id.</summary>
    private static string UserLockKeyOf(string localUserId) =>
        "HumanConnect:user-lock:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("HumanConnect.user:" + localUserId)));

    /// <summary>What a host wanting quick 503s sets: short timeouts, no queueing of commands while disconnected, quick reconnects.</summary>
    private static ConfigurationOptions FailingFast(int port) => new()
    {
        EndPoints = { { "127.0.0.1", port } },
        ConnectTimeout = 1000,
        SyncTimeout = 1000,
        AsyncTimeout = 1000,
        BacklogPolicy = BacklogPolicy.FailFast,
        ReconnectRetryPolicy = new LinearRetry(100),
    };

    private async Task WaitUntilDisconnectedAsync()
    {
        var multiplexer = await _app.Services.GetRequiredService<RedisConnection>().GetMultiplexerAsync();
        await Eventually.UntilAsync(() => Task.FromResult(!multiplexer.IsConnected), "the instance notices that Redis is gone");
    }

    private static async Task AssertStoreUnavailableAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HumanConnectErrorCodes.StoreUnavailable, JsonDocument.Parse(body).RootElement.GetProperty("errorCode").GetString());
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
