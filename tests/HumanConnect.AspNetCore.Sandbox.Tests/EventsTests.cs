using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// <see cref="HumanConnectOptions.Events"/> through real finishes and refreshes against the sandbox: what each event
/// is given, when it runs relative to the store, what a rejection answers, and what a throwing handler leaves behind.
/// </summary>
public sealed class EventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnTokensIssued_can_reject_the_tokens_the_finish_answers_403_with_the_hosts_code_and_nothing_is_stored()
    {
        var raised = new ConcurrentQueue<HumanConnectEventContext>();
        string? path = null;
        await using var app = await LibraryApp.StartAsync(configure: options =>
        {
            options.Events.OnTokensIssued = context =>
            {
                raised.Enqueue(context);
                path = context.HttpContext.Request.Path;
                context.Reject("trial_account", "Trial accounts cannot link health data.");
                return Task.CompletedTask;
            };
            options.Events.OnConnected = context =>
            {
                raised.Enqueue(context);
                return Task.CompletedTask;
            };
            options.Events.OnFailure = context =>
            {
                raised.Enqueue(context);
                return Task.CompletedTask;
            };
        });
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var response = await LibraryApp.FinishAsync(alice, session);

        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, "trial_account");
        Assert.Equal("Trial accounts cannot link health data.", problem.GetProperty("detail").GetString());
        Assert.Null(await app.StoredTokensOf(TestData.Alice));
        Assert.Collection(raised,
            first =>
            {
                var issued = Assert.IsType<HumanConnectTokensIssuedContext>(first);
                Assert.Equal(TestData.Alice, issued.LocalUserId);
                Assert.Equal(session.GetProperty("humanId").GetString(), issued.HumanId);
                Assert.Equal(app.ClientUserIdOf(TestData.Alice), issued.ClientUserId);
            },
            second =>
            {
                var failure = Assert.IsType<HumanConnectFailureContext>(second);
                Assert.Equal((HumanConnectOperation.Connect, "trial_account"), (failure.Operation, failure.ErrorCode));
            });
        Assert.Equal("/connect/finish", path);
        Assert.Single(app.Host.Logs.GetSnapshot(), record => record.Id.Name == "TokensRejectedByHost" && record.Id.Id == 81);
    }

    [Fact]
    public async Task A_rejected_reconnect_keeps_the_earlier_record_and_the_default_code_is_tokens_rejected()
    {
        var reject = false;
        await using var app = await LibraryApp.StartAsync(configure: options => options.Events.OnTokensIssued = context =>
        {
            if (reject)
            {
                context.Reject();
            }

            return Task.CompletedTask;
        });
        var alice = await app.SignInAsync(TestData.Alice);
        using var first = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var before = await app.StoredTokensOf(TestData.Alice);
        reject = true;

        using var response = await LibraryApp.FinishAsync(alice, await app.ConnectThroughPageAsync(app.ClientUserIdOf(TestData.Alice), before!.PublicToken!));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var problem = await ProblemAsync(response, HttpStatusCode.Forbidden, HumanConnectErrorCodes.TokensRejected);
        Assert.Equal("The app did not accept the tokens Human API issued for this user. Nothing was stored.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.StoredTokensOf(TestData.Alice));
    }

    [Fact]
    public async Task OnTokensIssued_runs_before_the_tokens_are_stored_and_OnConnected_after()
    {
        var seen = new ConcurrentQueue<string>();
        LibraryApp? started = null;
        await using var app = started = await LibraryApp.StartAsync(configure: options =>
        {
            options.Events.OnTokensIssued = async context =>
                seen.Enqueue($"issued, stored: {await started!.StoredTokensOf(context.LocalUserId) is not null}");
            options.Events.OnConnected = async context =>
                seen.Enqueue($"connected, stored: {(await started!.StoredTokensOf(context.LocalUserId))?.HumanId == context.HumanId}");
        });
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["issued, stored: False", "connected, stored: True"], seen);
    }

    [Fact]
    public async Task OnConnected_is_raised_once_per_exchange_not_for_a_repeated_finish_answered_from_the_store()
    {
        var connected = new ConcurrentQueue<HumanConnectConnectedContext>();
        await using var app = await LibraryApp.StartAsync(configure: options => options.Events.OnConnected = context =>
        {
            connected.Enqueue(context);
            return Task.CompletedTask;
        });
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var first = await LibraryApp.FinishAsync(alice, session);
        using var replay = await LibraryApp.FinishAsync(alice, session);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, replay.StatusCode));
        var context = Assert.Single(connected);
        Assert.Equal((TestData.Alice, session.GetProperty("humanId").GetString()), (context.LocalUserId, context.HumanId));
    }

    [Fact]
    public async Task A_throwing_OnConnected_is_logged_by_type_and_the_finish_still_answers_200_with_the_tokens_stored()
    {
        await using var app = await LibraryApp.StartAsync(configure: options => options.Events.OnConnected =
            context => throw new InvalidOperationException($"sync queue full for {context.LocalUserId}"));
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await app.StoredTokensOf(TestData.Alice));
        var failure = Assert.Single(app.Host.Logs.GetSnapshot(), record => record.Id.Name == "EventHandlerFailed");
        Assert.Equal((80, LogLevel.Error, null), (failure.Id.Id, failure.Level, failure.Exception));
        Assert.Contains("OnConnected handler threw InvalidOperationException", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sync queue full", app.Host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throwing_OnTokensIssued_stores_nothing_and_releases_the_users_lock_and_the_session_token()
    {
        var fail = true;
        await using var app = await LibraryApp.StartAsync(configure: options => options.Events.OnTokensIssued = _ =>
            fail ? throw new InvalidOperationException("the host's bug") : Task.CompletedTask);
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));

        using var failed = await LibraryApp.FinishAsync(alice, session);
        var storedAfterFailure = await app.StoredTokensOf(TestData.Alice);
        fail = false;
        // The claim was given back: the same token goes to Human API again (which spent it), not a 409 in progress.
        using var sameToken = await LibraryApp.FinishAsync(alice, session);
        // And the user's lock was released: a refresh takes it at once and finds nothing stored (held, it would wait, then 409).
        using var refresh = await alice.PostAsync("/connect/public-token", content: null, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Null(storedAfterFailure);
        await ProblemAsync(sameToken, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamRejected);
        await ProblemAsync(refresh, HttpStatusCode.NotFound, HumanConnectErrorCodes.NotConnected);
    }

    [Fact]
    public async Task OnFailure_is_given_the_errorCode_and_operation_of_each_failure_and_a_throwing_one_changes_no_answer()
    {
        var failures = new ConcurrentQueue<HumanConnectFailureContext>();
        await using var app = await LibraryApp.StartAsync(configure: options => options.Events.OnFailure = context =>
        {
            failures.Enqueue(context);
            throw new InvalidOperationException("the host's alerting is down");
        });
        var alice = await app.SignInAsync(TestData.Alice);
        var bob = await app.SignInAsync(TestData.Bob);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));
        app.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.ServerError(503));

        using var faulted = await LibraryApp.FinishAsync(alice, session);
        using var mismatch = await LibraryApp.FinishAsync(bob, session);
        using var neverConnected = await bob.PostAsync("/connect/public-token", content: null, Ct);

        await ProblemAsync(faulted, HttpStatusCode.BadGateway, HumanConnectErrorCodes.UpstreamUnavailable);
        await ProblemAsync(mismatch, HttpStatusCode.Forbidden, HumanConnectErrorCodes.ClientUserMismatch);
        await ProblemAsync(neverConnected, HttpStatusCode.NotFound, HumanConnectErrorCodes.NotConnected);
        Assert.Equal(
        [
            (TestData.Alice, HumanConnectOperation.Connect, HumanConnectErrorCodes.UpstreamUnavailable),
            (TestData.Bob, HumanConnectOperation.Connect, HumanConnectErrorCodes.ClientUserMismatch),
            (TestData.Bob, HumanConnectOperation.Refresh, HumanConnectErrorCodes.NotConnected),
        ], failures.Select(context => (context.LocalUserId, context.Operation, context.ErrorCode)));
        Assert.Equal(3, app.Host.Logs.GetSnapshot().Count(record => record.Id.Name == "EventHandlerFailed"));
    }

    [Fact]
    public async Task An_EventsType_is_resolved_from_the_request_services_in_place_of_Events()
    {
        var optionsEventRaised = false;
        await using var app = await LibraryApp.StartAsync(
            configure: options =>
            {
                options.EventsType = typeof(RecordingEvents);
                options.Events.OnConnected = _ =>
                {
                    optionsEventRaised = true;
                    return Task.CompletedTask;
                };
            },
            services: services => services.AddSingleton<ConnectedUsers>().AddScoped<RecordingEvents>());
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([TestData.Alice], app.Host.Services.GetRequiredService<ConnectedUsers>().Ids);
        Assert.False(optionsEventRaised);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string errorCode)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        return problem;
    }

    /// <summary>A host's own events type, with a dependency of its own.</summary>
    private sealed class RecordingEvents(ConnectedUsers users) : HumanConnectEvents
    {
        public override Task Connected(HumanConnectConnectedContext context)
        {
            users.Ids.Enqueue(context.LocalUserId);
            return base.Connected(context);
        }
    }

    private sealed class ConnectedUsers
    {
        public ConcurrentQueue<string> Ids { get; } = new();
    }
}
