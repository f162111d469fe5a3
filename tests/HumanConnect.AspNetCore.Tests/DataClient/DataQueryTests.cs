using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests.DataClient;

/// <summary>The query, ids and dates are checked before anything is sent; every problem is reported at once.</summary>
public sealed class DataQueryTests
{
    public static TheoryData<HumanDataQuery, string> InvalidQueries => new()
    {
        { new HumanDataQuery { Limit = 0 }, "Limit must be from 1 to 500." },
        { new HumanDataQuery { Limit = 501 }, "Limit must be from 1 to 500." },
        { new HumanDataQuery { Offset = -1 }, "Offset must be 0 or more." },
        { new HumanDataQuery { StartDate = new DateOnly(2015, 1, 1) }, "StartDate and EndDate must be given together." },
        { new HumanDataQuery { EndDate = new DateOnly(2015, 1, 1) }, "StartDate and EndDate must be given together." },
        { new HumanDataQuery { StartDate = new DateOnly(2015, 2, 1), EndDate = new DateOnly(2015, 1, 1) }, "StartDate must not be after EndDate." },
        { new HumanDataQuery { CreatedSince = DateTimeOffset.UnixEpoch.AddDays(1), CreatedBefore = DateTimeOffset.UnixEpoch }, "CreatedSince must be before CreatedBefore." },
        { new HumanDataQuery { UpdatedSince = DateTimeOffset.UnixEpoch, UpdatedBefore = DateTimeOffset.UnixEpoch }, "UpdatedSince must be before UpdatedBefore." },
        { new HumanDataQuery { Source = "" }, "Source must be a source id of 1 to 256 characters without spaces or control characters." },
        { new HumanDataQuery { Source = "fit bit" }, "Source must be a source id of 1 to 256 characters without spaces or control characters." },
        { new HumanDataQuery { Source = new string('s', 257) }, "Source must be a source id of 1 to 256 characters without spaces or control characters." },
    };

    [Theory]
    [MemberData(nameof(InvalidQueries))]
    public async Task An_invalid_query_is_InvalidQuery_naming_the_problem_and_nothing_is_sent(HumanDataQuery query, string error)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();

        var result = await harness.DataFor().Activities.ListAsync(query, TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.InvalidQuery, result.Failure);
        Assert.Equal([error], result.Errors);
        Assert.Empty(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var errors = new HumanDataQuery { Limit = 1000, Offset = -5, StartDate = new DateOnly(2015, 1, 1), Source = " " }.Validate();

        Assert.Equal(4, errors.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(500)]
    public void The_limits_of_Limit_are_valid(int limit) =>
        Assert.Empty(new HumanDataQuery { Limit = limit, Offset = 0, StartDate = new DateOnly(2015, 1, 1), EndDate = new DateOnly(2015, 1, 1) }.Validate());

    [Fact]
    public async Task Time_series_on_a_family_without_them_is_InvalidQuery()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();

        var result = await harness.DataFor().HeartRate.ListAsync(new HumanDataQuery { TimeSeries = true }, TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.InvalidQuery, result.Failure);
        Assert.Equal(["TimeSeries applies to activities and sleeps only."], result.Errors);
        Assert.Empty(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a?offset=1")]
    [InlineData("a%2F")]
    [InlineData("é")]
    public async Task An_id_that_could_move_the_request_elsewhere_is_InvalidQuery(string id)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();

        var result = await harness.DataFor().Medical.Medications.GetAsync(id, TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.InvalidQuery, result.Failure);
        Assert.Empty(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task An_invalid_query_given_to_a_stream_throws_when_enumeration_starts()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        var stream = harness.DataFor().Sleeps.StreamAsync(new HumanDataQuery { Limit = 0 }, TestContext.Current.CancellationToken);

        var thrown = await Assert.ThrowsAsync<HumanDataException>(async () => await stream.GetAsyncEnumerator(TestContext.Current.CancellationToken).MoveNextAsync());

        Assert.Equal(HumanDataFailure.InvalidQuery, thrown.Failure);
        Assert.Equal(["Limit must be from 1 to 500."], thrown.Errors);
        Assert.Empty(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }
}
