using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// Two instances of one app on real Kestrel, sharing a real redis-server through <c>UseRedis</c>: instance A mounts the
/// sandbox, instance B uses it as its Human API over HTTP. No sticky sessions: every request may land on either.
/// </summary>
public sealed class TwoInstanceTests(SharedRedis redis) : IAsyncLifetime
{
    private readonly string _user = "alice-" + Guid.NewGuid().ToString("N");
    private InstanceApp _a = null!;
    private InstanceApp _b = null!;
    private string _keys = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        // A key ring of this test's own, so no other test's keys are in play; A creates its first key before B starts.
        _keys = "hc-tests:dp-keys:" + Guid.NewGuid().ToString("N");
        var keys = _keys;
        void Redis(HumanConnectRedisOptions options)
        {
            options.Configuration = redis.Configuration;
            options.DataProtectionKeysKey = keys;
        }

        _a = await InstanceApp.StartAsync("HumanConnect.TwoInstances", Redis);
        await _a.SignInAsync(_user);
        _b = await InstanceApp.StartAsync("HumanConnect.TwoInstances", Redis, humanApi: _a);
    }

    public async ValueTask DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_finish_on_A_makes_B_render_edit_mode_with_the_same_publicToken()
    {
        var onA = await _a.SignInAsync(_user);
        var onB = await _b.SignInAsync(_user);
        var before = await _b.ButtonAsync(onB);

        var answer = await OkJsonAsync(await _a.FinishAsync(onA, await _a.CreateSessionAsync(_user)));
        var after = await _b.ButtonAsync(onB);

        Assert.Equal("create", before.State);
        Assert.Equal("edit", after.State);
        Assert.Equal(answer.GetProperty("publicToken").GetString(), after.PublicToken);
        Assert.Equal(200, await _a.OpenEditModeAsync(_user, after.PublicToken!));
    }

    [Fact]
    public async Task B_accepts_an_antiforgery_token_A_rendered_and_refreshes_the_record_A_stored()
    {
        var onA = await _a.SignInAsync(_user);
        await OkJsonAsync(await _a.FinishAsync(onA, await _a.CreateSessionAsync(_user)));
        var storedByA = (await _a.StoredTokensOf(_user))!;

        // The same browser, its next request balanced onto B, carrying A's cookie and token.
        var refreshed = await OkJsonAsync(await _b.PublicTokenAsync(onA));
        var readByB = (await _b.StoredTokensOf(_user))!;

        Assert.Equal(storedByA.HumanId, readByB.HumanId);
        Assert.Equal(storedByA.AccessToken, readByB.AccessToken);
        Assert.Equal(refreshed.GetProperty("publicToken").GetString(), readByB.PublicToken);
        Assert.NotEqual(storedByA.PublicToken, readByB.PublicToken);
        Assert.Equal("edit", (await _a.ButtonAsync(onA)).State);
        Assert.Equal(readByB.PublicToken, (await _a.ButtonAsync(onA)).PublicToken);
        Assert.Equal(200, await _a.OpenEditModeAsync(_user, readByB.PublicToken!));
        // The one key ring both read: A's key, in Redis.
        Assert.Equal(1, await _a.Services.GetRequiredService<RedisConnection>().Database.ListLengthAsync(_keys));
    }

    [Fact]
    public async Task A_double_finish_split_across_A_and_B_makes_one_exchange()
    {
        var onA = await _a.SignInAsync(_user);
        var onB = await _b.SignInAsync(_user);
        var session = await _a.CreateSessionAsync(_user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? _a.FinishAsync(onA, session) : _b.FinishAsync(onB, session)));

        var answers = await Task.WhenAll(responses.Select(OkJsonAsync));
        var stored = (await _a.StoredTokensOf(_user))!;
        Assert.All(answers, answer => Assert.Equal(stored.PublicToken, answer.GetProperty("publicToken").GetString()));
        // The sandbox, in A, saw the session token once: from whichever instance claimed it first.
        Assert.Equal(1, _a.CountOf("SandboxExchanged"));
        Assert.Equal(0, _a.CountOf("SandboxRefused"));
        Assert.Equal(19, _a.CountOf("FinishReplayAnswered") + _b.CountOf("FinishReplayAnswered"));
    }

    [Fact]
    public async Task Refreshes_split_across_A_and_B_leave_stored_the_publicToken_the_sandbox_accepts()
    {
        var onA = await _a.SignInAsync(_user);
        var onB = await _b.SignInAsync(_user);
        await OkJsonAsync(await _a.FinishAsync(onA, await _a.CreateSessionAsync(_user)));

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? _a.PublicTokenAsync(onA) : _b.PublicTokenAsync(onB)));

        var answered = (await Task.WhenAll(responses.Select(OkJsonAsync))).Select(answer => answer.GetProperty("publicToken").GetString()!).ToList();
        var stored = (await _b.StoredTokensOf(_user))!.PublicToken!;
        Assert.Contains(stored, answered);
        Assert.Equal(200, await _a.OpenEditModeAsync(_user, stored));
        foreach (var older in answered.Distinct().Where(token => token != stored))
        {
            Assert.Equal(401, await _a.OpenEditModeAsync(_user, older));
        }
    }

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
