using System.Security.Claims;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests.DataClient;

/// <summary>What a read sends (the token in the Bearer header only, Human API's paths and parameters) and how its answer is typed.</summary>
public sealed class DataClientReadTests
{
    private const string Activity = """
        {"id":"5a0b1c2d3e4f5a6b7c8d9e0f","humanId":"52867cbede3155565f000a0d","startTime":"2015-03-23T07:01:02.000Z",
         "endTime":"2015-03-23T07:40:36.000Z","tzOffset":"-07:00","type":"running","source":"fitbit","duration":2374.138,
         "distance":6012.5,"steps":7001.0,"calories":410.2,"sourceData":{"raw":[1,2,{"x":"y"}]},"timeSeries":{"steps":[1.5]},
         "createdAt":"2015-03-23T08:00:00.000Z","updatedAt":"2015-03-23T08:00:00.000Z","futureField":{"kept":true}}
        """;

    [Fact]
    public async Task A_list_sends_the_token_as_Bearer_only_and_every_query_parameter_as_Human_API_writes_it()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Json(context, "[" + Activity + "]", headers: ("X-Total-Count", "1"));
        var query = new HumanDataQuery
        {
            Limit = 2,
            Offset = 4,
            CreatedSince = new DateTimeOffset(2015, 3, 23, 16, 29, 34, TimeSpan.FromHours(2)),
            UpdatedBefore = new DateTimeOffset(2015, 3, 24, 0, 0, 1, TimeSpan.Zero),
            StartDate = new DateOnly(2015, 3, 1),
            EndDate = new DateOnly(2015, 3, 31),
            Source = "fitbit",
            TimeSeries = true,
        };

        var result = await harness.DataFor().Activities.ListAsync(query, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.ToString());
        var request = Assert.Single(harness.Fake.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/human/activities", request.Path);
        Assert.Equal("?limit=2&offset=4&created_since=20150323T142934Z&updated_before=20150324T000001Z&start_date=2015-03-01&end_date=2015-03-31&source=fitbit&time_series=true", request.Query);
        Assert.Equal("Bearer " + TestData.AccessToken, request.Authorization);
        Assert.Equal(1, result.Value!.TotalCount);
        Assert.Equal(4, result.Value.Offset);
        Assert.False(result.Value.HasMore);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task Records_keep_ids_as_strings_numbers_as_doubles_raw_source_data_and_unknown_fields()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Json(context, Activity);

        var result = await harness.DataFor().Activities.GetAsync("5a0b1c2d3e4f5a6b7c8d9e0f", TestContext.Current.CancellationToken);

        Assert.Equal("/v1/human/activities/5a0b1c2d3e4f5a6b7c8d9e0f", Assert.Single(harness.Fake.Requests).Path);
        var activity = result.Value!;
        Assert.Equal("5a0b1c2d3e4f5a6b7c8d9e0f", activity.Id);
        Assert.Equal(2374.138, activity.Duration);
        Assert.Equal(7001.0, activity.Steps);
        Assert.Equal(new DateTimeOffset(2015, 3, 23, 7, 1, 2, TimeSpan.Zero), activity.StartTime);
        Assert.Equal("""{"raw":[1,2,{"x":"y"}]}""", activity.SourceData!.Value.GetRawText());
        Assert.Equal(JsonValueKind.Object, activity.TimeSeries!.Value.ValueKind);
        Assert.True(activity.ExtensionData!["futureField"].GetProperty("kept").GetBoolean());
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task An_empty_latest_reading_is_a_success_without_a_value_and_an_empty_list_an_empty_page()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => FakeDataApi.Json(context, index == 0 ? "{}" : "[]", headers: ("X-Total-Count", "0"));
        var data = harness.DataFor();

        var latest = await data.BloodGlucose.GetLatestAsync(TestContext.Current.CancellationToken);
        var readings = await data.BloodGlucose.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(latest.Succeeded);
        Assert.Null(latest.Value);
        Assert.True(readings.Succeeded);
        Assert.Empty(readings.Value!.Items);
        Assert.False(readings.Value.HasMore);
        Assert.Equal(["/v1/human/blood_glucose", "/v1/human/blood_glucose/readings"], harness.Fake.Requests.Select(r => r.Path));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_blood_pressure_reading_has_systolic_and_diastolic_and_the_summary_drops_empty_objects()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, _) => FakeDataApi.Json(context, """
            {"humanId":"52867cbede3155565f000a0d","bloodPressure":{"id":"b1","systolic":121.0,"diastolic":79.5,"heartRate":61,"unit":"mmHg"},
             "heartRate":{},"weight":{"id":"w1","value":72.25,"unit":"kg"},"activitySummary":{}}
            """);

        var summary = (await harness.DataFor().GetSummaryAsync(TestContext.Current.CancellationToken)).Value!;

        Assert.Equal("/v1/human/", Assert.Single(harness.Fake.Requests).Path);
        Assert.Equal(121.0, summary.BloodPressure!.Systolic);
        Assert.Equal(79.5, summary.BloodPressure.Diastolic);
        Assert.Equal(61, summary.BloodPressure.HeartRate);
        Assert.Null(summary.BloodPressure.Value);
        Assert.Equal(72.25, summary.Weight!.Value);
        Assert.Null(summary.HeartRate);
        Assert.Null(summary.ActivitySummary);
        Assert.Null(summary.SleepSummary);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task Medical_values_stay_strings_and_a_missing_medical_profile_is_none()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index == 0
            ? FakeDataApi.Json(context, """[{"id":"t1","name":"Glucose","value":"102","unit":"mg/dL","codes":[{"code":"2345-7","codeSystemName":"LOINC"}],"organization":{"id":"o1","name":"Clinic","href":"/x"}}]""")
            : FakeDataApi.Status(context, 404);
        var data = harness.DataFor();

        var results = await data.Medical.TestResults.ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        var profile = await data.Medical.GetProfileAsync(TestContext.Current.CancellationToken);

        var result = Assert.Single(results.Value!.Items);
        Assert.Equal("102", result.Value);
        Assert.Equal("2345-7", result.Codes![0].Code);
        Assert.Equal("Clinic", result.Organization!.Name);
        Assert.True(profile.Succeeded);
        Assert.Null(profile.Value);
        Assert.Equal(["/v1/human/medical/test_results", "/v1/human/medical/profile"], harness.Fake.Requests.Select(r => r.Path));
        harness.AssertCleanAndNoLeaks();
    }

    [Theory]
    [InlineData("heart_rate")]
    [InlineData("weight")]
    public async Task Measurement_paths_are_readings_by_id_and_daily(string type)
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => FakeDataApi.Json(context, index == 1 ? """{"id":"r1","value":60}""" : "[]");
        var data = harness.DataFor();
        var measurement = type == "weight" ? data.Weight : data.HeartRate;

        await measurement.ListAsync(cancellationToken: TestContext.Current.CancellationToken);
        var one = await measurement.GetAsync("r1", TestContext.Current.CancellationToken);
        await measurement.ListDailyAsync(new DateOnly(2015, 3, 23), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(60, one.Value!.Value);
        Assert.Equal([$"/v1/human/{type}/readings", $"/v1/human/{type}/readings/r1", $"/v1/human/{type}/readings/daily/2015-03-23"],
            harness.Fake.Requests.Select(r => r.Path));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task Summaries_of_a_date_are_one_or_many_and_a_404_is_none()
    {
        await using var harness = await DataClientHarness.StartAsync();
        await harness.ConnectAsync();
        harness.Fake.Answer = (context, index) => index switch
        {
            0 => FakeDataApi.Json(context, """{"id":"s1","date":"2015-03-23","steps":9000.5}"""),
            1 => FakeDataApi.Json(context, """[{"id":"s1","date":"2015-03-23"},{"id":"s2","date":"2015-03-23"}]"""),
            _ => FakeDataApi.Status(context, 404),
        };
        var summaries = harness.DataFor().Activities.Summaries;
        var day = new DateOnly(2015, 3, 23);

        var one = await summaries.GetForDateAsync(day, TestContext.Current.CancellationToken);
        var two = await summaries.GetForDateAsync(day, TestContext.Current.CancellationToken);
        var none = await summaries.GetForDateAsync(day, TestContext.Current.CancellationToken);

        Assert.Equal(9000.5, Assert.Single(one.Value!).Steps);
        Assert.Equal(day, one.Value![0].Date);
        Assert.Equal(["s1", "s2"], two.Value!.Select(s => s.Id));
        Assert.True(none.Succeeded);
        Assert.Empty(none.Value!);
        Assert.All(harness.Fake.Requests, r => Assert.Equal("/v1/human/activities/summaries/2015-03-23", r.Path));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_user_who_never_connected_is_NotConnected_and_nothing_is_sent()
    {
        await using var harness = await DataClientHarness.StartAsync();

        var result = await harness.DataFor(TestData.Bob).GetProfileAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.NotConnected, result.Failure);
        Assert.Empty(harness.Fake.Requests);
        Assert.Equal(1, harness.Logged("DataCallNotSent"));
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task A_failing_store_is_StoreUnavailable_and_nothing_is_sent()
    {
        await using var harness = await DataClientHarness.StartAsync(services: s => s.AddSingleton<IHumanTokenStore>(new RecordingTokenStore { Unavailable = true }));

        var result = await harness.DataFor().Sleeps.ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HumanDataFailure.StoreUnavailable, result.Failure);
        Assert.Empty(harness.Fake.Requests);
        harness.AssertCleanAndNoLeaks();
    }

    [Fact]
    public async Task The_signed_in_users_data_comes_through_the_user_resolver_and_nobody_signed_in_has_none()
    {
        await using var harness = await DataClientHarness.StartAsync();
        using var scope = harness.App.Services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<IHumanDataClient>();
        var signedIn = new DefaultHttpContext
        {
            User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, TestData.Alice)], "Test")),
        };

        Assert.Equal(TestData.Alice, client.ForUser(signedIn)!.LocalUserId);
        Assert.Null(client.ForUser(new DefaultHttpContext()));
        harness.AssertCleanAndNoLeaks();
    }
}
