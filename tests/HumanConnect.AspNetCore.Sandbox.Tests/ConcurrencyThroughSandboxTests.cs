using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Parallel requests for one user through the library's endpoints, against the sandbox over real loopback HTTP. The
/// sandbox rotates the publicToken on every exchange and every publictokens call and refuses the one before, so "the
/// stored publicToken still opens Connect in edit mode" is the proof that no older answer overwrote a newer one.
/// </summary>
public sealed class ConcurrencyThroughSandboxTests
{
    private const int Parallel = 20;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_parallel_finishes_of_one_session_token_make_one_exchange_and_all_answer_its_publicToken()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => LibraryApp.FinishAsync(alice, session)));

        var answered = await PublicTokensOfAsync(responses);
        var stored = (await app.StoredTokensOf(TestData.Alice))!;
        Assert.All(answered, publicToken => Assert.Equal(stored.PublicToken, publicToken));
        Assert.Equal(1, Count(app, "SandboxExchanged"));
        Assert.Equal(0, Count(app, "SandboxRefused"));
        Assert.Equal(HttpStatusCode.OK, await OpenEditModeAsync(app, stored.PublicToken!));
    }

    [Fact]
    public async Task Twenty_four_parallel_refreshes_leave_stored_the_publicToken_the_sandbox_accepts_and_every_other_one_answered_is_dead()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        using var finished = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel + 4).Select(_ =>
            alice.PostAsync("/connect/public-token", content: null, Ct)));

        var answered = await PublicTokensOfAsync(responses);
        var stored = (await app.StoredTokensOf(TestData.Alice))!.PublicToken!;
        Assert.Equal(HttpStatusCode.OK, finished.StatusCode);
        Assert.Contains(stored, answered);
        Assert.Equal(HttpStatusCode.OK, await OpenEditModeAsync(app, stored));
        foreach (var older in answered.Distinct().Where(token => token != stored))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await OpenEditModeAsync(app, older));
        }
    }

    [Fact]
    public async Task Twenty_different_session_tokens_of_one_user_finishing_at_once_leave_stored_the_newest_publicToken()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var clientUserId = app.ClientUserIdOf(TestData.Alice);
        using var first = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(clientUserId));
        var current = (await app.StoredTokensOf(TestData.Alice))!.PublicToken!;
        // Twenty edit-mode Connect sessions of one user (two tabs, twenty times over), each handing finish its own token.
        var sessions = new List<JsonElement>();
        for (var i = 0; i < Parallel; i++)
        {
            sessions.Add(await app.CreateSessionAsync(clientUserId, publicToken: current));
        }

        var responses = await Task.WhenAll(sessions.Select(session => LibraryApp.FinishAsync(alice, session)));

        await PublicTokensOfAsync(responses);
        var stored = (await app.StoredTokensOf(TestData.Alice))!.PublicToken!;
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(Parallel + 1, Count(app, "SandboxExchanged"));
        Assert.Equal(HttpStatusCode.OK, await OpenEditModeAsync(app, stored));
    }

    [Fact]
    public async Task Finishes_and_refreshes_of_one_user_at_once_leave_stored_the_publicToken_the_sandbox_accepts()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.SignInAsync(TestData.Alice);
        var clientUserId = app.ClientUserIdOf(TestData.Alice);
        using var first = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(clientUserId));
        var current = (await app.StoredTokensOf(TestData.Alice))!.PublicToken!;
        var sessions = new List<JsonElement>();
        for (var i = 0; i < Parallel / 2; i++)
        {
            sessions.Add(await app.CreateSessionAsync(clientUserId, publicToken: current));
        }

        var finishes = sessions.Select(session => LibraryApp.FinishAsync(alice, session));
        var refreshes = Enumerable.Range(0, Parallel / 2).Select(_ => alice.PostAsync("/connect/public-token", content: null, Ct));
        var responses = await Task.WhenAll(finishes.Zip(refreshes, (finish, refresh) => new[] { finish, refresh }).SelectMany(pair => pair));

        await PublicTokensOfAsync(responses);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await OpenEditModeAsync(app, (await app.StoredTokensOf(TestData.Alice))!.PublicToken!));
    }

    /// <summary>Asserts every answer is 200 and returns the publicTokens they carry.</summary>
    private static async Task<List<string>> PublicTokensOfAsync(IEnumerable<HttpResponseMessage> responses)
    {
        var tokens = new List<string>();
        foreach (var response in responses)
        {
            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
                tokens.Add(JsonDocument.Parse(body).RootElement.GetProperty("publicToken").GetString()!);
            }
        }

        return tokens;
    }

    /// <summary>What the next edit-mode open of Connect gets with <paramref name="publicToken"/>: 200, or 401 for a stale one.</summary>
    private static async Task<HttpStatusCode> OpenEditModeAsync(LibraryApp app, string publicToken)
    {
        using var response = await app.Anonymous.PostAsJsonAsync($"{app.Prefix}/v1/ui/open",
            new { clientId = HumanApiSandboxDefaults.ClientId, clientUserId = app.ClientUserIdOf(TestData.Alice), publicToken }, Ct);
        return response.StatusCode;
    }

    private static int Count(LibraryApp app, string eventName) =>
        app.Host.Logs.GetSnapshot().Count(record => record.Id.Name == eventName);
}
