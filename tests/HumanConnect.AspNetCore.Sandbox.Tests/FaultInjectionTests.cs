using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Each injected fault, observed over real HTTP, and the fault switch's own rules.</summary>
public sealed class FaultInjectionTests
{
    [Fact]
    public async Task A_server_error_answers_the_chosen_5xx_once_and_spends_nothing()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");
        sandbox.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.ServerError(503));

        using var faulted = await sandbox.ExchangeAsync(session);
        using var retried = await sandbox.ExchangeAsync(session);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal("text/plain", faulted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task A_malformed_body_is_200_json_that_does_not_parse()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");
        sandbox.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.MalformedBody);

        using var response = await sandbox.ExchangeAsync(session);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Latency_delays_the_answer_then_answers_normally()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var session = await sandbox.CreateSessionAsync("user-1");
        sandbox.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.Latency(TimeSpan.FromMilliseconds(250)));

        var started = Stopwatch.GetTimestamp();
        using var response = await sandbox.ExchangeAsync(session);
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(240), $"answered after {elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_hang_is_released_as_soon_as_the_caller_gives_up()
    {
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var sandbox = await SandboxApp.StartAsync(app => app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path.StartsWithSegments("/sandbox/v1/connect/publictokens", StringComparison.Ordinal))
            {
                finished.TrySetResult();
            }
        }));
        sandbox.Faults.InjectFault(SandboxEndpoint.PublicTokens, SandboxFault.Hang);

        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sandbox.Http.PostAsync("/sandbox/v1/connect/publictokens",
            new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), giveUp.Token));

        // The server-side request ends too: no work outlives its caller.
        await finished.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_hang_ends_when_the_host_stops()
    {
        var sandbox = await SandboxApp.StartAsync();
        await using (sandbox)
        {
            sandbox.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.Hang);
            var pending = sandbox.Http.PostAsync("/sandbox/v1/connect/tokens",
                new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            await Eventually.WaitUntilAsync(() => sandbox.Host.AllLogText().Contains("plays an injected Hang", StringComparison.Ordinal), "the hang is playing");

            var started = Stopwatch.GetTimestamp();
            await sandbox.Host.App.StopAsync(TestContext.Current.CancellationToken);

            Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "the host waited for the hanging request");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => pending);
        }
    }

    [Fact]
    public async Task All_faults_both_endpoints_for_the_given_count_and_Reset_clears_them()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var humanId = tokens.GetProperty("humanId").GetString()!;
        sandbox.Faults.InjectFault(SandboxEndpoint.All, SandboxFault.ServerError(), count: 2);

        using var first = await sandbox.PublicTokensAsync(humanId);
        using var second = await sandbox.PublicTokensAsync(humanId);
        using var third = await sandbox.PublicTokensAsync(humanId);
        using var tokensFaulted = await sandbox.ExchangeAsync(await sandbox.CreateSessionAsync("user-2"));
        sandbox.Faults.Reset();
        using var afterReset = await sandbox.ExchangeAsync(await sandbox.CreateSessionAsync("user-3"));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, tokensFaulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterReset.StatusCode);
    }

    [Fact]
    public async Task The_fault_switch_works_over_http()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var humanId = tokens.GetProperty("humanId").GetString()!;

        using var injected = await sandbox.PostAsync("/sandbox/v1/sandbox/faults", new { endpoint = "publictokens", fault = "serverError", status = 502, count = 5 });
        using var faulted = await sandbox.PublicTokensAsync(humanId);
        using var reset = await sandbox.Http.DeleteAsync("/sandbox/v1/sandbox/faults", ct);
        using var healthy = await sandbox.PublicTokensAsync(humanId);
        using var invalid = await sandbox.PostAsync("/sandbox/v1/sandbox/faults", new { endpoint = "tokens", fault = "latency" });

        Assert.Equal(HttpStatusCode.NoContent, injected.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public void Fault_arguments_are_checked()
    {
        var faults = new Faults.SandboxFaults();

        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.ServerError(404));
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.Latency(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.Hang, count: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => faults.InjectFault((SandboxEndpoint)0, SandboxFault.Hang));
    }
}
