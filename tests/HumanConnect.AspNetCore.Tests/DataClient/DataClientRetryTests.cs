using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests.DataClient;

/// <summary>
/// 429, 5xx, timeouts and broken answers over real HTTP: which are tried again (GETs, bounded, honouring
/// <c>Retry-After</c>), and the typed failure each becomes.
/// </summary>
public sealed class DataClientRetryTests
{
    [Fact]
    public async Task A_429_is_tried_again_after_its_Retry_After_and_then_succeeds()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0
            ? FakeDataApi.Status(context, 429, ("Retry-After", "2"))
            : FakeDataApi.Json(context, """{"humanId":"h"}""");

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, harness.Fake.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], harness.Clock.Delays);
        Assert.Equal(1, harness.Logged("DataCallRetrying"));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_429_on_every_attempt_is_RateLimited_after_three_attempts_with_its_Retry_After()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, 429, ("Retry-After", "1"));

        var result = await harness.DataFor().Activities.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.RateLimited, result.Failure);
        Assert.Equal(429, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(1), result.RetryAfter);
        Assert.Equal(3, harness.Fake.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], harness.Clock.Delays);
        Assert.Equal(1, harness.Logged("DataCallFailed"));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_cap_ends_the_retries_at_once()
    {
        await using var harness = await DataClientHarness.StartAsync(o => o.DataApiMaxRetryDelay = TimeSpan.FromSeconds(5));
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, 429, ("Retry-After", "120"));

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.RateLimited, result.Failure);
        Assert.Equal(TimeSpan.FromMinutes(2), result.RetryAfter);
        Assert.Single(harness.Fake.Requests);
        Assert.Empty(harness.Clock.Delays);
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task A_5xx_is_tried_again_with_a_growing_bounded_pause_and_then_is_Unavailable(int status)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, status);

        var result = await harness.DataFor().Sleeps.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.Unavailable, result.Failure);
        Assert.Equal(status, result.Status);
        Assert.Equal(3, harness.Fake.Requests.Count);
        var delays = harness.Clock.Delays;
        Assert.Equal(2, delays.Count);
        Assert.InRange(delays[0], TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(250));
        Assert.InRange(delays[1], TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(500));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_503_once_then_a_success_is_a_success()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0 ? FakeDataApi.Status(context, 503) : FakeDataApi.Json(context, "[]");

        var result = await harness.DataFor().GetSourcesAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!);
        Assert.Equal(2, harness.Fake.Requests.Count);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task One_attempt_only_when_retries_are_turned_off()
    {
        await using var harness = await DataClientHarness.StartAsync(o => o.DataApiMaxAttempts = 1);
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, 503);

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.Unavailable, result.Failure);
        Assert.Single(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_hang_times_out_on_each_attempt_and_is_Timeout()
    {
        await using var harness = await DataClientHarness.StartAsync(o => o.UpstreamTimeout = TimeSpan.FromMilliseconds(300));
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.Timeout, result.Failure);
        Assert.Null(result.Status);
        Assert.Equal(3, harness.Fake.Requests.Count);
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData("{\"humanId\": \"h\", ")]
    [InlineData("<html>not json</html>")]
    [InlineData("[1, 2]")]
    public async Task Malformed_JSON_is_InvalidResponse_and_not_tried_again(string body)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Json(context, body);

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.InvalidResponse, result.Failure);
        Assert.Single(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task An_answer_over_MaxDataResponseBytes_is_InvalidResponse_declared_or_not()
    {
        await using var harness = await DataClientHarness.StartAsync(o => o.MaxDataResponseBytes = 4096);
        await harness.ConnectAsync();
        var big = "[" + string.Join(',', Enumerable.Repeat("""{"id":"a","value":1}""", 400)) + "]";
        harness.Fake.Answer = async (context, index) =>
        {
            if (index == 0)
            {
                context.Response.ContentLength = big.Length;
            }

            await FakeDataApi.Json(context, big);
        };
        var weight = harness.DataFor().Weight;

        var declared = await weight.ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        var chunked = await weight.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.InvalidResponse, declared.Failure);
        Assert.Equal(HumanDataFailure.InvalidResponse, chunked.Failure);
        Assert.Equal(2, harness.Fake.Requests.Count);
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData(302)]
    [InlineData(307)]
    public async Task A_redirect_is_never_followed_so_the_token_goes_nowhere_else(int status)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, status, ("Location", harness.Fake.BaseUrl + "elsewhere"));

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.Unavailable, result.Failure);
        Assert.Equal("/v1/human/profile", Assert.Single(harness.Fake.Requests).Path);
        Assert.Equal(1, harness.Logged("UpstreamRedirected"));
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData(404, HumanDataFailure.NotFound)]
    [InlineData(400, HumanDataFailure.Unavailable)]
    [InlineData(403, HumanDataFailure.Unavailable)]
    public async Task Other_4xx_are_answered_at_once_without_retrying(int status, HumanDataFailure failure)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, status);

        var result = await harness.DataFor().Activities.GetAsync("abc123", TestContext.Current.CancellationToken);

        Assert.Equal(failure, result.Failure);
        Assert.Equal(status, result.Status);
        Assert.Single(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_data_API_that_cannot_be_reached_is_Unavailable_after_the_attempts()
    {
        await using var harness = await DataClientHarness.StartAsync(o => o.DataApiBaseUrl = new Uri("http://127.0.0.1:9/v1/human/"));
        await harness.ConnectAsync();

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.Unavailable, result.Failure);
        Assert.Equal(2, harness.Clock.Delays.Count);
        harness.AssertCleanAndNoLeaks();
    }
}
