using System.Globalization;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The data client as a host uses it (<c>IHumanDataClient</c> from DI, the user's stored token) against the sandbox's
/// data API over real loopback HTTP: every family, paging through <c>Link</c>, empty lists and <c>{}</c>.
/// </summary>
public sealed class DataClientThroughSandboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_human_profile_summary_and_sources()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var data = app.DataFor(TestData.Alice);
        var humanId = (await app.StoredTokensOf(TestData.Alice))!.HumanId;

        var profile = Value(await data.GetProfileAsync(Ct));
        var summary = Value(await data.GetSummaryAsync(Ct));
        var sources = Value(await data.GetSourcesAsync(Ct));

        Assert.Equal(humanId, profile.HumanId);
        Assert.NotNull(profile.CreatedAt);
        Assert.False(string.IsNullOrEmpty(profile.DefaultTimeZone?.Name));
        Assert.Equal(humanId, summary.HumanId);
        Assert.NotNull(summary.HeartRate?.Value);
        Assert.NotNull(summary.BloodPressure?.Systolic);
        Assert.NotNull(summary.Weight?.Value);
        Assert.NotNull(summary.ActivitySummary?.Date);
        Assert.NotNull(summary.SleepSummary?.Date);
        Assert.Null(summary.BloodGlucose);
        Assert.Equal(SandboxApp.BothSources.Length, sources.Count);
        Assert.All(sources, source =>
        {
            Assert.False(string.IsNullOrEmpty(source.Source));
            Assert.Contains(source.SourceName, SandboxApp.BothSources);
            Assert.NotNull(source.ConnectedSince);
            Assert.NotNull(source.SyncStatus?.SynchedAt);
            Assert.NotNull(source.HistorySync?.OldestDate);
        });
        AssertNoSecretsLogged(app);
    }

    [Theory]
    [InlineData("heart_rate")]
    [InlineData("blood_pressure")]
    [InlineData("weight")]
    public async Task A_measurement_latest_readings_one_by_id_and_a_day(string type)
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var data = app.DataFor(TestData.Alice);
        var measurement = type switch { "heart_rate" => data.HeartRate, "blood_pressure" => data.BloodPressure, _ => data.Weight };

        var latest = Value(await measurement.GetLatestAsync(Ct));
        var page = Value(await measurement.ListAsync(new HumanDataQuery { Limit = 3 }, Ct));
        var first = page.Items[0];
        var byId = Value(await measurement.GetAsync(first.Id!, Ct));
        var day = Value(await measurement.ListDailyAsync(LocalDay(first.Timestamp, first.TzOffset), new HumanDataQuery { Limit = 500 }, Ct));

        Assert.NotNull(latest);
        Assert.Equal(first.Id, latest.Id);
        Assert.Equal(3, page.Items.Count);
        Assert.True(page.TotalCount > 3);
        Assert.True(page.HasMore);
        Assert.Equal((first.Id, first.Value, first.Systolic, first.Timestamp), (byId.Id, byId.Value, byId.Systolic, byId.Timestamp));
        Assert.Contains(day.Items, reading => reading.Id == first.Id);
        Assert.All(page.Items, reading =>
        {
            Assert.Matches("^[0-9a-f]{24}$", reading.Id);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, reading.SourceData!.Value.ValueKind);
            Assert.True(type == "blood_pressure" ? reading.Systolic > reading.Diastolic && reading.Value is null : reading.Value > 0);
            Assert.False(string.IsNullOrEmpty(reading.Unit));
        });
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task Activities_with_time_series_by_id_by_day_and_their_summaries()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var activities = app.DataFor(TestData.Alice).Activities;

        var page = Value(await activities.ListAsync(new HumanDataQuery { Limit = 2, TimeSeries = true }, Ct));
        var first = page.Items[0];
        var byId = Value(await activities.GetAsync(first.Id!, Ct));
        var day = Value(await activities.ListDailyAsync(LocalDay(first.StartTime, first.TzOffset), new HumanDataQuery { Limit = 500 }, Ct));
        var summaries = Value(await activities.Summaries.ListAsync(new HumanDataQuery { Limit = 2 }, Ct));
        var summary = summaries.Items[0];
        var summaryById = Value(await activities.Summaries.GetAsync(summary.Id!, Ct));
        var ofDate = Value(await activities.Summaries.GetForDateAsync(summary.Date!.Value, Ct));

        Assert.All(page.Items, a => Assert.Equal(System.Text.Json.JsonValueKind.Object, a.TimeSeries!.Value.ValueKind));
        Assert.Null(byId.TimeSeries);
        Assert.Equal(first.Id, byId.Id);
        Assert.True(first.Duration > 0 && first.Steps >= 0 && first.Distance >= 0);
        Assert.Contains(day.Items, a => a.Id == first.Id);
        Assert.Equal((summary.Id, summary.Steps, summary.Date), (summaryById.Id, summaryById.Steps, summaryById.Date));
        Assert.Contains(ofDate, s => s.Id == summary.Id);
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task Sleeps_by_id_by_day_and_their_summaries_and_heart_rate_summaries()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var data = app.DataFor(TestData.Alice);

        var sleeps = Value(await data.Sleeps.ListAsync(new HumanDataQuery { Limit = 2 }, Ct));
        var sleep = sleeps.Items[0];
        var sleepById = Value(await data.Sleeps.GetAsync(sleep.Id!, Ct));
        var sleepDay = Value(await data.Sleeps.ListDailyAsync(sleep.Day!.Value, cancellationToken: Ct));
        var sleepSummaries = Value(await data.Sleeps.Summaries.ListAsync(new HumanDataQuery { Limit = 2 }, Ct));
        var sleepSummaryOfDate = Value(await data.Sleeps.Summaries.GetForDateAsync(sleepSummaries.Items[0].Date!.Value, Ct));
        var heart = Value(await data.HeartRateSummaries.ListAsync(new HumanDataQuery { Limit = 2 }, Ct));
        var heartById = Value(await data.HeartRateSummaries.GetAsync(heart.Items[0].Id!, Ct));
        var heartOfDate = Value(await data.HeartRateSummaries.GetForDateAsync(heart.Items[0].Date!.Value, Ct));

        Assert.Equal((sleep.Id, sleep.TimeAsleep, sleep.Day), (sleepById.Id, sleepById.TimeAsleep, sleepById.Day));
        Assert.True(sleep.TimeAsleep > 0);
        Assert.NotNull(sleep.MainSleep);
        Assert.Contains(sleepDay.Items, s => s.Id == sleep.Id);
        Assert.Contains(sleepSummaryOfDate, s => s.Id == sleepSummaries.Items[0].Id);
        Assert.Equal((heart.Items[0].Id, heart.Items[0].Average), (heartById.Id, heartById.Average));
        Assert.True(heartById.RestingHeartRate > 0);
        Assert.Contains(heartOfDate, s => s.Id == heartById.Id);
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task Medical_records_with_string_values_and_the_medical_profile()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var medical = app.DataFor(TestData.Alice).Medical;

        var profile = Value(await medical.GetProfileAsync(Ct));
        var medications = Value(await medical.Medications.ListAsync(cancellationToken: Ct));
        var medication = Value(await medical.Medications.GetAsync(medications.Items[0].Id!, Ct));
        var allergies = Value(await medical.Allergies.ListAsync(cancellationToken: Ct));
        var encounters = Value(await medical.Encounters.ListAsync(cancellationToken: Ct));

        Assert.NotNull(profile);
        Assert.False(string.IsNullOrEmpty(profile.DateOfBirth));
        Assert.Equal((medications.Items[0].Id, medications.Items[0].Name), (medication.Id, medication.Name));
        Assert.False(string.IsNullOrEmpty(medication.Name));
        Assert.False(string.IsNullOrEmpty(medication.Details?.Dosage));
        Assert.NotEmpty(medication.Codes!);
        Assert.False(string.IsNullOrEmpty(medication.Organization?.Name));
        Assert.NotEmpty(allergies.Items);
        Assert.All(allergies.Items, a => Assert.False(string.IsNullOrEmpty(a.Severity)));
        Assert.NotEmpty(encounters.Items);
        Assert.All(encounters.Items, e => Assert.False(string.IsNullOrEmpty(e.VisitType)));
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task Families_the_sources_do_not_report_are_empty_lists_no_latest_value_and_404s()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var data = app.DataFor(TestData.Alice);

        var glucose = await data.BloodGlucose.GetLatestAsync(Ct);
        var oxygen = Value(await data.BloodOxygen.ListAsync(cancellationToken: Ct));
        var locations = Value(await data.Locations.ListAsync(cancellationToken: Ct));
        var locationDay = Value(await data.Locations.ListDailyAsync(new DateOnly(2030, 1, 1), cancellationToken: Ct));
        var vitals = Value(await data.Medical.Vitals.ListAsync(cancellationToken: Ct));
        var immunization = await data.Medical.Immunizations.GetAsync("0123456789abcdef01234567", Ct);

        Assert.True(glucose.Succeeded);
        Assert.Null(glucose.Value);
        Assert.All([oxygen.Items.Count, locations.Items.Count, locationDay.Items.Count], count => Assert.Equal(0, count));
        Assert.Empty(vitals.Items);
        Assert.False(locations.HasMore);
        Assert.Equal(0, locations.TotalCount);
        Assert.Equal(HumanDataFailure.NotFound, immunization.Failure);
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task A_user_with_no_medical_source_has_no_medical_profile()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice, sources: ["Starfleet Pharmacy"]);

        var profile = await app.DataFor(TestData.Alice).Medical.GetProfileAsync(Ct);

        Assert.True(profile.Succeeded);
        Assert.Null(profile.Value);
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task A_stream_at_limit_2_follows_Link_through_every_page_to_the_end()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var weight = app.DataFor(TestData.Alice).Weight;
        var query = new HumanDataQuery { Limit = 2 };
        var total = Value(await weight.ListAsync(query, Ct)).TotalCount!.Value;
        var pagesBefore = SandboxPagesRead(app);

        var ids = new List<string?>();
        await foreach (var reading in weight.StreamAsync(query, Ct))
        {
            ids.Add(reading.Id);
        }

        Assert.True(total >= 6, $"the sandbox has {total} weight readings; the test needs three pages or more");
        Assert.Equal(total, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal((int)Math.Ceiling(total / 2.0), SandboxPagesRead(app) - pagesBefore);
        Assert.DoesNotContain(app.Host.Logs.GetSnapshot(), r => r.Id.Name == "DataNextLinkIgnored");
        AssertNoSecretsLogged(app);
    }

    [Fact]
    public async Task Filters_reach_the_sandbox_a_date_range_and_a_source()
    {
        await using var app = await LibraryApp.StartAsync();
        await app.ConnectAsync(TestData.Alice);
        var activities = app.DataFor(TestData.Alice).Activities;
        var all = Value(await activities.ListAsync(new HumanDataQuery { Limit = 1 }, Ct));
        var newest = LocalDay(all.Items[0].StartTime, all.Items[0].TzOffset);

        var lastTwoDays = Value(await activities.ListAsync(new HumanDataQuery { Limit = 500, StartDate = newest.AddDays(-1), EndDate = newest }, Ct));
        var otherSource = Value(await activities.ListAsync(new HumanDataQuery { Source = "no-such-source" }, Ct));

        Assert.NotEmpty(lastTwoDays.Items);
        Assert.True(lastTwoDays.TotalCount < all.TotalCount);
        Assert.All(lastTwoDays.Items, a => Assert.InRange(LocalDay(a.StartTime, a.TzOffset), newest.AddDays(-1), newest));
        Assert.Empty(otherSource.Items);
        AssertNoSecretsLogged(app);
    }

    private static T Value<T>(HumanDataResult<T> result)
    {
        Assert.True(result.Succeeded, $"expected a success, got {result}");
        return result.Value!;
    }

    private static DateOnly LocalDay(DateTimeOffset? instant, string? tzOffset)
    {
        var offset = TimeSpan.ParseExact(tzOffset!.TrimStart('+'), tzOffset.StartsWith('-') ? "\\-hh\\:mm" : "hh\\:mm", CultureInfo.InvariantCulture);
        offset = tzOffset.StartsWith('-') ? -offset : offset;
        return DateOnly.FromDateTime(instant!.Value.ToOffset(offset).DateTime);
    }

    private static int SandboxPagesRead(LibraryApp app) =>
        app.Host.Logs.GetSnapshot().Count(r => r.Id.Name == "SandboxDataRead");

    private static void AssertNoSecretsLogged(LibraryApp app)
    {
        var logs = app.Host.AllLogText();
        foreach (var secret in new[] { HumanApiSandboxDefaults.ClientSecret, HumanApiSandboxDefaults.AppKey })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }

        var token = app.StoredTokensOf(TestData.Alice).GetAwaiter().GetResult()?.AccessToken;
        if (!string.IsNullOrEmpty(token))
        {
            Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        }
    }
}
