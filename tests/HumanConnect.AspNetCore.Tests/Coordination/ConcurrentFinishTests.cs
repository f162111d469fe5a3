using System.Net;
using System.Net.Http.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests.Coordination;

/// <summary>A session token is exchanged once: duplicates never reach Human API, and a failed exchange may be retried.</summary>
public sealed class ConcurrentFinishTests
{
    private const string SecondSessionToken = "9947d233d1594fc2a4bd3ee232247042";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Twenty_parallel_finishes_of_one_session_token_by_its_user_make_one_upstream_call_and_all_answer_its_result()
    {
        const int parallel = 20;
        var arrivals = new ArrivalGate("/connect/finish", parallel);
        await using var app = await TestApp.StartAsync(map: arrivals.MapWith);
        // The one call Human API gets is held until every request has arrived, so all twenty overlap it.
        app.Upstream.ExpectTokens(async (request, ct) =>
        {
            await arrivals.AllArrived.WaitAsync(ct);
            return await UpstreamAnswers.Json(TestData.TokensAnswer())(request, ct);
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => app.FinishAsync(TestData.SessionTokenObject())));

        var answers = await Task.WhenAll(responses.Select(response => response.AssertOkJsonAsync()));
        Assert.All(answers, answer => Assert.Equal(TestData.PublicToken, answer.GetProperty("publicToken").GetString()));
        Assert.Single(app.Upstream.Requests);
        Assert.Equal(parallel - 1, app.Logs.GetSnapshot().Count(record => record.Id.Name == "FinishReplayAnswered"));
        Assert.Equal(TestData.PublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Another_user_posting_the_token_while_it_is_exchanged_gets_409_exchange_in_progress_and_afterwards_409_already_exchanged()
    {
        var upstreamCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(async (request, ct) =>
        {
            upstreamCalled.SetResult();
            await answer.Task.WaitAsync(ct);
            return await UpstreamAnswers.Json(TestData.TokensAnswer())(request, ct);
        });

        var alices = app.FinishAsync(TestData.SessionTokenObject());
        await upstreamCalled.Task.WaitAsync(Ct);
        using var malloryWhileInProgress = await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Mallory);
        answer.SetResult();
        using var alice = await alices;
        using var malloryAfterwards = await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Mallory);

        await malloryWhileInProgress.AssertProblemAsync(HttpStatusCode.Conflict, HumanConnectErrorCodes.ExchangeInProgress);
        await alice.AssertOkJsonAsync();
        await malloryAfterwards.AssertProblemAsync(HttpStatusCode.Conflict, HumanConnectErrorCodes.AlreadyExchanged);
        Assert.Single(app.Upstream.Requests);
        Assert.Null(await app.Store.GetAsync(TestData.Mallory, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_replay_by_the_same_user_after_success_is_answered_from_the_store_without_calling_Human_API()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        var first = await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();
        var replay = await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();

        Assert.Equal(first.ToString(), replay.ToString());
        Assert.Single(app.Upstream.Requests);
        Assert.Contains(app.Logs.GetSnapshot(), record => record.Id.Name == "FinishReplayAnswered");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_replay_after_the_record_was_removed_is_409_already_exchanged_and_stores_nothing()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        await (await app.FinishAsync(TestData.SessionTokenObject())).AssertOkJsonAsync();
        await app.Store.RemoveAsync(TestData.Alice, Ct);

        using var replay = await app.FinishAsync(TestData.SessionTokenObject());

        await replay.AssertProblemAsync(HttpStatusCode.Conflict, HumanConnectErrorCodes.AlreadyExchanged);
        Assert.Null(await app.Store.GetAsync(TestData.Alice, Ct));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.UpstreamUnavailable)]
    [InlineData(HttpStatusCode.BadRequest, HumanConnectErrorCodes.UpstreamRejected)]
    public async Task A_failed_exchange_gives_the_session_token_back_so_a_retry_calls_Human_API_again(HttpStatusCode upstreamStatus, string errorCode)
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Text(upstreamStatus, "{}", "application/json"));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var failed = await app.FinishAsync(TestData.SessionTokenObject());
        using var retried = await app.FinishAsync(TestData.SessionTokenObject());

        await failed.AssertProblemAsync(HttpStatusCode.BadGateway, errorCode);
        await retried.AssertOkJsonAsync();
        Assert.Equal(2, app.Upstream.Requests.Count);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_mismatched_user_gives_the_session_token_back()
    {
        await using var app = await TestApp.StartAsync();
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Alice)));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer(TestData.Alice)));

        using var mallory = await app.FinishAsync(TestData.SessionTokenObject(), user: TestData.Mallory);
        using var alice = await app.FinishAsync(TestData.SessionTokenObject());

        await mallory.AssertProblemAsync(HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientUserMismatch);
        await alice.AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_failure_gives_the_session_token_back_and_stores_nothing()
    {
        var backend = new HostTokenStoreBackend { FailSaves = true };
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(), services: services => services.AddSingleton(backend));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));
        app.Upstream.ExpectTokens(UpstreamAnswers.Json(TestData.TokensAnswer()));

        using var failed = await app.FinishAsync(TestData.SessionTokenObject());
        var storedAfterFailure = backend.Records.IsEmpty;
        backend.FailSaves = false;
        using var retried = await app.FinishAsync(TestData.SessionTokenObject());

        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, HumanConnectErrorCodes.StoreUnavailable);
        Assert.True(storedAfterFailure);
        await retried.AssertOkJsonAsync();
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Two_session_tokens_of_one_user_finishing_at_once_are_exchanged_one_after_the_other_and_the_newest_answer_is_stored()
    {
        var arrivals = new ArrivalGate("/connect/finish", 2);
        await using var app = await TestApp.StartAsync(map: arrivals.MapWith);
        var inFlight = 0;
        var overlapped = false;
        StubUpstream.Responder answer(string publicToken, bool holdUntilBothArrived) => async (_, ct) =>
        {
            overlapped |= Interlocked.Increment(ref inFlight) > 1;
            if (holdUntilBothArrived)
            {
                // Without the user's lock, the second exchange would run (and be stored) while this one is held.
                await arrivals.AllArrived.WaitAsync(ct);
            }

            Interlocked.Decrement(ref inFlight);
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(WithPublicToken(publicToken)) };
        };
        app.Upstream.ExpectTokens(answer(TestData.PublicToken, holdUntilBothArrived: true))
            .ExpectTokens(answer(TestData.NewPublicToken, holdUntilBothArrived: false));
        var second = TestData.SessionTokenObject();
        second["sessionToken"] = SecondSessionToken;

        var responses = await Task.WhenAll(app.FinishAsync(TestData.SessionTokenObject()), app.FinishAsync(second));

        await Task.WhenAll(responses.Select(response => response.AssertOkJsonAsync()));
        Assert.False(overlapped);
        Assert.Equal(TestData.NewPublicToken, (await app.Store.GetAsync(TestData.Alice, Ct))!.PublicToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    private static Dictionary<string, string> WithPublicToken(string publicToken)
    {
        var answer = TestData.TokensAnswer();
        answer["publicToken"] = publicToken;
        return answer;
    }

    /// <summary>Counts the requests that reach a path, and opens once a number of them have.</summary>
    private sealed class ArrivalGate(string path, int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task AllArrived => _all.Task;

        public void MapWith(WebApplication app)
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path == path && Interlocked.Increment(ref _arrived) == expected)
                {
                    _all.SetResult();
                }

                await next(context);
            });
            app.MapHumanConnect();
        }
    }
}
