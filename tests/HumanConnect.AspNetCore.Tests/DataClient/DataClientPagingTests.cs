using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests.DataClient;

/// <summary>Pages and streams: <c>Link rel="next"</c> followed lazily, only to the configured data API, else offset and <c>X-Total-Count</c>.</summary>
public sealed class DataClientPagingTests
{
    [Fact]
    public async Task A_stream_follows_the_next_link_exactly_as_given_one_page_at_a_time()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) =>
        {
            // The link carries a marker an offset-stepping client would not send, so the test sees that it was followed.
            var next = index < 2 ? $"<{harness.Fake.BaseUrl}sleeps?limit=2&offset={(index + 1) * 2}&marker=p{index + 1}>; rel=\"next\", " : string.Empty;
            return FakeDataApi.Json(context, $$"""[{"id":"s{{index * 2}}"},{"id":"s{{(index * 2) + 1}}"}]""",
                headers: [("X-Total-Count", "6"), ("Link", next + $"<{harness.Fake.BaseUrl}sleeps?limit=2&offset=0>; rel=\"first\"")]);
        };
        var seen = new List<string?>();
        var requestsWhenFirstItemArrived = -1;

        await foreach (var sleep in harness.DataFor().Sleeps.StreamAsync(new HumanDataQuery { Limit = 2 }, TestContext.Current.CancellationToken))
        {
            if (seen.Count == 0)
            {
                requestsWhenFirstItemArrived = harness.Fake.Requests.Count;
            }

            seen.Add(sleep.Id);
        }

        Assert.Equal(["s0", "s1", "s2", "s3", "s4", "s5"], seen);
        Assert.Equal(1, requestsWhenFirstItemArrived);
        Assert.Equal(["?limit=2", "?limit=2&offset=2&marker=p1", "?limit=2&offset=4&marker=p2"], harness.Fake.Requests.Select(r => r.Query));
        Assert.All(harness.Fake.Requests, r => Assert.Equal("Bearer " + TestData.AccessToken, r.Authorization));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_stream_sends_nothing_until_it_is_enumerated()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();

        var stream = harness.DataFor().Activities.StreamAsync(cancellationToken: TestContext.Current.CancellationToken);
        await using var enumerator = stream.GetAsyncEnumerator(TestContext.Current.CancellationToken);

        Assert.Empty(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_next_link_naming_another_host_is_asked_of_the_configured_data_API_only()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0
            ? FakeDataApi.Json(context, """[{"id":"a"}]""", headers: [("X-Total-Count", "2"), ("Link", "<https://attacker.example/v1/human/activities?limit=1&offset=1>; rel=\"next\"")])
            : FakeDataApi.Json(context, """[{"id":"b"}]""", headers: ("X-Total-Count", "2"));
        var ids = new List<string?>();

        await foreach (var a in harness.DataFor().Activities.StreamAsync(new HumanDataQuery { Limit = 1 }, TestContext.Current.CancellationToken))
        {
            ids.Add(a.Id);
        }

        Assert.Equal(["a", "b"], ids);
        Assert.Equal(["?limit=1", "?limit=1&offset=1"], harness.Fake.Requests.Select(r => r.Query));
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData("medical/medications?limit=1&offset=1")]
    [InlineData("activities?limit=1&offset=1&access_token=leaked")]
    public async Task A_next_link_to_another_list_or_carrying_a_token_is_ignored_and_paging_goes_on_by_offset(string link)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0
            ? FakeDataApi.Json(context, """[{"id":"a"}]""", headers: [("X-Total-Count", "2"), ("Link", $"<{harness.Fake.BaseUrl}{link}>; rel=\"next\"")])
            : FakeDataApi.Json(context, """[{"id":"b"}]""", headers: ("X-Total-Count", "2"));
        var ids = new List<string?>();

        await foreach (var a in harness.DataFor().Activities.StreamAsync(new HumanDataQuery { Limit = 1 }, TestContext.Current.CancellationToken))
        {
            ids.Add(a.Id);
        }

        Assert.Equal(["a", "b"], ids);
        Assert.Equal(["/v1/human/activities", "/v1/human/activities"], harness.Fake.Requests.Select(r => r.Path));
        Assert.Equal("?limit=1&offset=1", harness.Fake.Requests[1].Query);
        Assert.Equal(1, harness.Logged("DataNextLinkIgnored"));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task Without_links_a_stream_steps_the_offset_until_X_Total_Count()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => FakeDataApi.Json(context, index < 2 ? """[{"id":"x"},{"id":"y"}]""" : """[{"id":"z"}]""",
            headers: ("X-Total-Count", "5"));

        var count = 0;
        await foreach (var _ in harness.DataFor().Weight.StreamAsync(new HumanDataQuery { Limit = 2, Offset = 0 }, TestContext.Current.CancellationToken))
        {
            count++;
        }

        Assert.Equal(5, count);
        Assert.Equal(["?limit=2&offset=0", "?limit=2&offset=2", "?limit=2&offset=4"], harness.Fake.Requests.Select(r => r.Query));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_page_says_whether_more_follow()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index switch
        {
            // A next link, then the last page (whose "last" rel names an empty page, as Human API's does), then no headers at all.
            0 => FakeDataApi.Json(context, """[{"id":"a"},{"id":"b"}]""", headers: [("X-Total-Count", "4"), ("Link", $"<{harness.Fake.BaseUrl}activities?limit=2&offset=2>; rel=\"next\"")]),
            1 => FakeDataApi.Json(context, """[{"id":"c"},{"id":"d"}]""", headers: [("X-Total-Count", "4"), ("Link", $"<{harness.Fake.BaseUrl}activities?limit=2&offset=4>; rel=\"next\", <{harness.Fake.BaseUrl}activities?limit=2&offset=4>; rel=\"last\"")]),
            _ => FakeDataApi.Json(context, """[{"id":"e"},{"id":"f"}]"""),
        };
        var activities = harness.DataFor().Activities;

        var first = await activities.ListAsync(new HumanDataQuery { Limit = 2 }, TestContext.Current.CancellationToken);
        var last = await activities.ListAsync(new HumanDataQuery { Limit = 2, Offset = 2 }, TestContext.Current.CancellationToken);
        var unknown = await activities.ListAsync(new HumanDataQuery { Limit = 2 }, TestContext.Current.CancellationToken);

        Assert.True(first.Value!.HasMore);
        Assert.False(last.Value!.HasMore);
        Assert.Equal(4, last.Value.TotalCount);
        Assert.True(unknown.Value!.HasMore);
        Assert.Null(unknown.Value.TotalCount);
        harness.AssertCleanAndNoLeaks();
    }
}
