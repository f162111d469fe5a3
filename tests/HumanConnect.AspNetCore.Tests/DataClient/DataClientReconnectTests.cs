using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests.DataClient;

/// <summary>A 401 means "connect again": the record is marked (its access token cleared), and nothing is sent until the user reconnects.</summary>
public sealed class DataClientReconnectTests
{
    [Fact]
    public async Task A_401_is_ReconnectRequired_clears_the_stored_token_keeps_the_rest_and_is_logged()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Status(context, 401, ("WWW-Authenticate", "Bearer error=\"invalid_token\""));

        var result = await harness.DataFor().HeartRate.GetLatestAsync(TestContext.Current.CancellationToken);
        var stored = await harness.App.Store.GetAsync(TestData.Alice, TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.ReconnectRequired, result.Failure);
        Assert.Equal(401, result.Status);
        Assert.Single(harness.Fake.Requests);
        Assert.Equal(string.Empty, stored!.AccessToken);
        Assert.Equal(TestData.HumanId, stored.HumanId);
        Assert.Equal(TestData.PublicToken, stored.PublicToken);
        Assert.Equal(1, harness.Logged("DataReconnectRequired"));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task After_a_401_further_calls_answer_ReconnectRequired_without_calling_Human_API_until_a_new_token_is_stored()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0 ? FakeDataApi.Status(context, 401) : FakeDataApi.Json(context, """{"humanId":"h"}""");
        var data = harness.DataFor();

        await data.GetProfileAsync(TestContext.Current.CancellationToken);
        var again = await data.GetProfileAsync(TestContext.Current.CancellationToken);
        var requestsBeforeReconnect = harness.Fake.Requests.Count;
        await harness.ConnectAsync(accessToken: TestData.OldAccessToken);
        var afterReconnect = await data.GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.ReconnectRequired, again.Failure);
        Assert.Null(again.Status);
        Assert.Equal(1, requestsBeforeReconnect);
        Assert.True(afterReconnect.Succeeded);
        Assert.Equal("Bearer " + TestData.OldAccessToken, harness.Fake.Requests[^1].Authorization);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_token_stored_while_the_401_was_on_its_way_is_not_cleared()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();

        // A finish stores a new token for the user while Human API is refusing the old one.
        harness.Fake.Answer = async (context, _) =>
        {
            await harness.ConnectAsync(accessToken: TestData.OldAccessToken);
            await FakeDataApi.Status(context, 401);
        };

        var result = await harness.DataFor().GetProfileAsync(TestContext.Current.CancellationToken);
        var stored = await harness.App.Store.GetAsync(TestData.Alice, TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.ReconnectRequired, result.Failure);
        Assert.Equal(TestData.OldAccessToken, stored!.AccessToken);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_401_in_the_middle_of_a_stream_throws_HumanDataException_with_ReconnectRequired()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0
            ? FakeDataApi.Json(context, """[{"id":"a"},{"id":"b"}]""", headers: ("X-Total-Count", "4"))
            : FakeDataApi.Status(context, 401);
        var seen = new List<string?>();

        var thrown = await Assert.ThrowsAsync<HumanDataException>(async () =>
        {
            await foreach (var activity in harness.DataFor().Activities.StreamAsync(new HumanDataQuery { Limit = 2 }, TestContext.Current.CancellationToken))
            {
                seen.Add(activity.Id);
            }
        });

        Assert.Equal(["a", "b"], seen);
        Assert.Equal(HumanDataFailure.ReconnectRequired, thrown.Failure);
        Assert.Equal(401, thrown.Status);
        Assert.DoesNotContain(TestData.AccessToken, thrown.ToString(), StringComparison.Ordinal);
        harness.AssertCleanAndNoLeaks();
    }
}
