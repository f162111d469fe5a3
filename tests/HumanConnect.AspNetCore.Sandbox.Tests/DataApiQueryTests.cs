using System.Globalization;
using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The data API's filters, its by-id and by-date paths, and its refusal of ambiguous or malformed input.</summary>
public sealed class DataApiQueryTests
{
    [Fact]
    public async Task A_date_range_keeps_the_records_of_those_local_days_and_daily_is_one_day()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        var range = await sandbox.DataJsonAsync(token, "/sleeps?start_date=2029-12-10&end_date=2029-12-12");
        var daily = await sandbox.DataJsonAsync(token, "/sleeps/daily/2029-12-11");
        var readings = await sandbox.DataJsonAsync(token, "/heart_rate/readings/daily/2029-12-11");

        Assert.Equal(["2029-12-10", "2029-12-11", "2029-12-12"], range.EnumerateArray().Select(s => s.GetProperty("day").GetString()).Distinct().Order());
        Assert.All(daily.EnumerateArray(), s => Assert.Equal("2029-12-11", s.GetProperty("day").GetString()));
        Assert.Contains(daily.EnumerateArray(), s => s.GetProperty("mainSleep").GetBoolean());
        Assert.Equal(4, readings.GetArrayLength());
    }

    [Fact]
    public async Task Updated_since_returns_what_changed_since_and_created_before_what_existed_before()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();
        var all = (await sandbox.DataJsonAsync(token, "/heart_rate/readings?limit=500")).EnumerateArray().ToList();
        var since = new DateTimeOffset(2029, 12, 25, 0, 0, 0, TimeSpan.Zero);

        var updated = (await sandbox.DataJsonAsync(token, "/heart_rate/readings?limit=500&updated_since=20291225T000000Z")).EnumerateArray().ToList();
        var created = (await sandbox.DataJsonAsync(token, "/heart_rate/readings?limit=500&created_before=20291225T000000Z")).EnumerateArray().ToList();

        Assert.Equal(all.Where(r => Instant(r, "updatedAt") >= since).Select(Id), updated.Select(Id));
        Assert.Equal(all.Where(r => Instant(r, "createdAt") < since).Select(Id), created.Select(Id));
        Assert.NotEmpty(updated);
        Assert.NotEmpty(created);
        Assert.Equal(all.Count, updated.Count + all.Count(r => Instant(r, "updatedAt") < since));
    }

    [Fact]
    public async Task Source_filters_by_source_id()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString();

        var pharmacy = await sandbox.DataJsonAsync(token, "/sources?source=starfleetpharmacy");
        var elsewhere = await sandbox.DataJsonAsync(token, "/activities?source=fitbit");

        Assert.Equal("Starfleet Pharmacy", Assert.Single(pharmacy.EnumerateArray()).GetProperty("sourceName").GetString());
        Assert.Equal(0, elsewhere.GetArrayLength());
    }

    [Fact]
    public async Task Time_series_adds_a_timeSeries_object_only_when_asked()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        var plain = (await sandbox.DataJsonAsync(token, "/activities?limit=3"))[0];
        var series = (await sandbox.DataJsonAsync(token, "/activities?limit=3&time_series=true"))[0];
        var sleep = (await sandbox.DataJsonAsync(token, "/sleeps?limit=1&time_series=true"))[0];

        Assert.False(plain.TryGetProperty("timeSeries", out _));
        Assert.Equal(plain.GetProperty("id").GetString(), series.GetProperty("id").GetString());
        var steps = series.GetProperty("timeSeries").GetProperty("steps").EnumerateArray().Sum(point => point.GetProperty("value").GetDouble());
        Assert.InRange(steps, series.GetProperty("steps").GetDouble() - 10, series.GetProperty("steps").GetDouble() + 10);
        Assert.NotEmpty(sleep.GetProperty("timeSeries").GetProperty("stages").EnumerateArray());
    }

    [Fact]
    public async Task Records_are_found_by_id_and_summaries_by_id_or_date()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString();

        foreach (var (list, one) in new[] { ("/activities", "/activities/"), ("/sleeps", "/sleeps/"), ("/activities/summaries", "/activities/summaries/"),
            ("/sleeps/summaries", "/sleeps/summaries/"), ("/heart_rate/summaries", "/heart_rate/summaries/"), ("/medical/allergies", "/medical/allergies/") })
        {
            var first = (await sandbox.DataJsonAsync(token, list))[0];
            Assert.Equal(first.GetRawText(), (await sandbox.DataJsonAsync(token, one + first.GetProperty("id").GetString())).GetRawText());
        }

        var summary = (await sandbox.DataJsonAsync(token, "/activities/summaries"))[3];
        var byDate = await sandbox.DataJsonAsync(token, "/activities/summaries/" + summary.GetProperty("date").GetString());
        Assert.Equal(summary.GetProperty("id").GetString(), byDate.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("/activities/0123456789abcdef01234567")]
    [InlineData("/heart_rate/readings/0123456789abcdef01234567")]
    [InlineData("/medical/medications/0123456789abcdef01234567")]
    [InlineData("/activities/summaries/2020-01-01")]
    [InlineData("/locations/summaries")]
    [InlineData("/steps")]
    [InlineData("/medical/unknown_type")]
    [InlineData("/activities/daily")]
    [InlineData("/heart_rate/readings/daily/2029-12-11/more")]
    [InlineData("//activities")]
    public async Task Unknown_paths_and_ids_are_a_404_problem(string path)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString();

        using var response = await sandbox.DataAsync(token, path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(JsonValueKind.String, (await SandboxApp.ReadJsonAsync(response)).GetProperty("errorCode").ValueKind);
    }

    [Theory]
    [InlineData("?limit=0", "invalid_parameter", "limit")]
    [InlineData("?limit=501", "invalid_parameter", "limit")]
    [InlineData("?limit=ten", "invalid_parameter", "limit")]
    [InlineData("?limit=-1", "invalid_parameter", "limit")]
    [InlineData("?limit=", "invalid_parameter", "limit")]
    [InlineData("?limit=%2B5", "invalid_parameter", "limit")]
    [InlineData("?offset=-1", "invalid_parameter", "offset")]
    [InlineData("?offset=99999999999", "invalid_parameter", "offset")]
    [InlineData("?updated_since=2015-03-23", "invalid_parameter", "updated_since")]
    [InlineData("?created_since=20150323T142934", "invalid_parameter", "created_since")]
    [InlineData("?created_before=20151323T142934Z", "invalid_parameter", "created_before")]
    [InlineData("?updated_before=yesterday", "invalid_parameter", "updated_before")]
    [InlineData("?start_date=2029-12-01", "incomplete_date_range", null)]
    [InlineData("?end_date=2029-12-01", "incomplete_date_range", null)]
    [InlineData("?start_date=20291201&end_date=2029-12-02", "invalid_parameter", "start_date")]
    [InlineData("?start_date=2029-12-05&end_date=2029-12-01", "invalid_parameter", "end_date")]
    [InlineData("?time_series=yes", "invalid_parameter", "time_series")]
    [InlineData("?source=", "invalid_parameter", "source")]
    [InlineData("?limit=2&limit=3", "repeated_parameter", null)]
    [InlineData("?source=a&SOURCE=b", "repeated_parameter", null)]
    [InlineData("/daily/2029-02-30", "invalid_date", null)]
    [InlineData("/summaries/2029-13-01", "invalid_date", null)]
    public async Task Malformed_or_ambiguous_parameters_are_a_400_problem_naming_the_parameter(string suffix, string errorCode, string? parameter)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        using var response = await sandbox.DataAsync(token, "/activities" + suffix);
        var problem = await SandboxApp.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errorCode, problem.GetProperty("errorCode").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        if (parameter is not null)
        {
            Assert.StartsWith($"'{parameter}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private static string Id(JsonElement record) => record.GetProperty("id").GetString()!;

    private static DateTimeOffset Instant(JsonElement record, string field) =>
        DateTimeOffset.Parse(record.GetProperty(field).GetString()!, CultureInfo.InvariantCulture);
}
