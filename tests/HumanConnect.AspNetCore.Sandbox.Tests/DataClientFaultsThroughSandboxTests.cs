using System.Diagnostics;
using System.Net;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The data client's failure paths against the sandbox over real HTTP: a deleted user's 401, 429 with Retry-After,
/// 5xx, a hang, malformed JSON. Each becomes a typed result; GETs are tried again, within the bounds.
/// </summary>
public sealed class DataClientFaultsThroughSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_deleted_at_Human_API_is_ReconnectRequired_the_record_is_marked_and_the_button_says_so()
    {
        await using var app = await LibraryApp.StartAsync();
        var alice = await app.ConnectAsync(TestData.Alice);
        var stored = (await app.StoredTokensOf(TestData.Alice))!;
        using var deleted = await app.AppsAsync(HttpMethod.Delete, stored.HumanId);

        var result = await app.DataFor(TestData.Alice).Activities.ListAsync(cancellationToken: Ct);
        var marked = (await app.StoredTokensOf(TestData.Alice))!;
        var again = await app.DataFor(TestData.Alice).GetProfileAsync(Ct);
        var button = await LibraryApp.RenderButtonAsync(alice);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HumanDataFailure.ReconnectRequired, result.Failure);
        Assert.Equal(401, result.Status);
        Assert.Equal(string.Empty, marked.AccessToken);
        Assert.Equal(stored.HumanId, marked.HumanId);
        Assert.Equal(HumanDataFailure.ReconnectRequired, again.Failure);
        Assert.Null(again.Status);
        Assert.Equal("reconnect", button.State);
        Assert.Single(app.Host.Logs.GetSnapshot(), r => r.Id.Name == "DataReconnectRequired");
        Assert.DoesNotContain(stored.AccessToken, app.Host.AllLogText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_and_then_succeeds()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.TooManyRequests(TimeSpan.FromSeconds(1)));
        var started = Stopwatch.GetTimestamp();

        var result = await app.DataFor(TestData.Alice).Sleeps.ListAsync(new HumanDataQuery { Limit = 2 }, Ct);

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.9), "the Retry-After was not honoured");
        Assert.Single(app.Host.Logs.GetSnapshot(), r => r.Id.Name == "DataCallRetrying");
    }

    [Fact]
    public async Task A_429_on_every_attempt_is_RateLimited_with_the_Retry_After()
    {
        await using var app = await LibraryApp.StartAsync(configure: o => o.DataApiMaxAttempts = 2);
        await app.ConnectAsync(TestData.Alice);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.TooManyRequests(TimeSpan.FromSeconds(1)), count: 2);

        var result = await app.DataFor(TestData.Alice).HeartRate.GetLatestAsync(Ct);
        var after = await app.DataFor(TestData.Alice).HeartRate.GetLatestAsync(Ct);

        Assert.Equal(HumanDataFailure.RateLimited, result.Failure);
        Assert.Equal(TimeSpan.FromSeconds(1), result.RetryAfter);
        Assert.True(after.Succeeded);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_5xx_once_is_tried_again_and_on_every_attempt_is_Unavailable(int status)
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var data = app.DataFor(TestData.Alice);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.ServerError(status));

        var once = await data.GetSummaryAsync(Ct);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.ServerError(status), count: 3);
        var always = await data.GetSummaryAsync(Ct);

        Assert.True(once.Succeeded, once.ToString());
        Assert.Equal(HumanDataFailure.Unavailable, always.Failure);
        Assert.Equal(status, always.Status);
        Assert.Single(app.Host.Logs.GetSnapshot(), r => r.Id.Name == "DataCallFailed");
    }

    [Fact]
    public async Task A_hang_times_out_and_is_tried_again_and_a_hang_on_every_attempt_is_Timeout()
    {
        await using var app = await LibraryApp.StartAsync(configure: o =>
        {
            o.UpstreamTimeout = TimeSpan.FromSeconds(1);
            o.DataApiMaxAttempts = 2;
        });
        await app.ConnectAsync(TestData.Alice);
        var data = app.DataFor(TestData.Alice);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.Hang);

        var once = await data.Weight.ListAsync(cancellationToken: Ct);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.Hang, count: 2);
        var always = await data.Weight.ListAsync(cancellationToken: Ct);

        Assert.True(once.Succeeded, once.ToString());
        Assert.Equal(HumanDataFailure.Timeout, always.Failure);
    }

    [Fact]
    public async Task Malformed_JSON_is_InvalidResponse_without_a_retry()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.MalformedBody);
        var data = app.DataFor(TestData.Alice);

        var malformed = await data.Medical.Medications.ListAsync(cancellationToken: Ct);
        var next = await data.Medical.Medications.ListAsync(cancellationToken: Ct);

        Assert.Equal(HumanDataFailure.InvalidResponse, malformed.Failure);
        Assert.Equal(200, malformed.Status);
        Assert.True(next.Succeeded);
        Assert.DoesNotContain(app.Host.Logs.GetSnapshot(), r => r.Id.Name == "DataCallRetrying");
    }

    [Fact]
    public async Task A_stream_that_meets_a_fault_it_cannot_outlast_throws_the_typed_failure()
    {
        await using var app = await LibraryApp.StartAsync(configure: o => o.DataApiMaxAttempts = 1);
        await app.ConnectAsync(TestData.Alice);
        var stream = app.DataFor(TestData.Alice).Weight.StreamAsync(new HumanDataQuery { Limit = 2 }, Ct);
        await using var reading = stream.GetAsyncEnumerator(Ct);
        Assert.True(await reading.MoveNextAsync());
        Assert.True(await reading.MoveNextAsync());
        app.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.ServerError(502));

        var thrown = await Assert.ThrowsAsync<HumanDataException>(async () => await reading.MoveNextAsync());

        Assert.Equal(HumanDataFailure.Unavailable, thrown.Failure);
        Assert.Equal(502, thrown.Status);
    }
}
