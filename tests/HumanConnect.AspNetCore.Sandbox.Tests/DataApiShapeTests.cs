using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Every family of the data API, read over real HTTP, answers Human API's shape with realistic types.</summary>
public sealed partial class DataApiShapeTests
{
    public static TheoryData<string, string[]> Lists() => new()
    {
        { "/heart_rate/readings", ["id", "humanId", "timestamp", "tzOffset", "value", "unit", "source", "sourceData", "createdAt", "updatedAt"] },
        { "/blood_pressure/readings", ["id", "humanId", "timestamp", "tzOffset", "systolic", "diastolic", "unit", "source", "sourceData", "createdAt", "updatedAt"] },
        { "/weight/readings", ["id", "timestamp", "value", "unit", "source", "sourceData"] },
        { "/activities", ["id", "humanId", "startTime", "endTime", "tzOffset", "type", "source", "duration", "distance", "steps", "calories", "sourceData", "createdAt", "updatedAt"] },
        { "/activities/summaries", ["id", "humanId", "date", "duration", "distance", "steps", "calories", "sedentary", "light", "moderate", "vigorous", "source", "createdAt", "updatedAt"] },
        { "/sleeps", ["id", "humanId", "day", "startTime", "endTime", "tzOffset", "source", "mainSleep", "timeAsleep", "timeAwake", "timeInBed", "timeToFallAsleep", "timeAfterWakeup", "efficiency", "sourceData", "createdAt", "updatedAt"] },
        { "/sleeps/summaries", ["id", "humanId", "date", "source", "timeAsleep", "timeInBed", "createdAt", "updatedAt"] },
        { "/heart_rate/summaries", ["id", "humanId", "date", "source", "restingHeartRate", "average", "min", "max", "unit", "createdAt", "updatedAt"] },
        { "/medical/medications", ["id", "humanId", "source", "name", "dosageInfo", "instructions", "status", "startDate", "provider", "details", "codes", "organization", "sourceData", "createdAt", "updatedAt"] },
        { "/medical/allergies", ["id", "humanId", "source", "name", "reaction", "severity", "status", "codes", "organization", "createdAt", "updatedAt"] },
        { "/medical/encounters", ["id", "humanId", "source", "dateTime", "visitType", "provider", "codes", "organization", "createdAt", "updatedAt"] },
        { "/medical/organizations", ["id", "humanId", "source", "name", "createdAt", "updatedAt"] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task Each_list_answers_records_of_its_shape_with_string_ids_iso_times_and_object_sourceData(string path, string[] fields)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources);
        var humanId = tokens.GetProperty("humanId").GetString();

        var list = await sandbox.DataJsonAsync(tokens.GetProperty("accessToken").GetString(), path + "?limit=500");

        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.NotEmpty(list.EnumerateArray());
        foreach (var record in list.EnumerateArray())
        {
            Assert.All(fields, field => Assert.True(record.TryGetProperty(field, out _), $"{path}: a record lacks {field}"));
            Assert.Matches(Hex24(), record.GetProperty("id").GetString());
            Assert.Equal(humanId, record.GetProperty("humanId").GetString());
            Assert.Equal(JsonValueKind.String, record.GetProperty("source").ValueKind);
            Assert.Matches(IsoUtcMillis(), record.GetProperty("createdAt").GetString());
            Assert.Matches(IsoUtcMillis(), record.GetProperty("updatedAt").GetString());
            if (record.TryGetProperty("sourceData", out var sourceData))
            {
                Assert.Equal(JsonValueKind.Object, sourceData.ValueKind);
            }

            Assert.DoesNotContain(record.EnumerateObject(), property => property.Value.ValueKind == JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task Numbers_are_json_numbers_with_fractions_where_realistic()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        var activities = (await sandbox.DataJsonAsync(token, "/activities?limit=500")).EnumerateArray().ToList();
        var sleeps = (await sandbox.DataJsonAsync(token, "/sleeps?limit=500")).EnumerateArray().ToList();
        var weights = (await sandbox.DataJsonAsync(token, "/weight/readings?limit=500")).EnumerateArray().ToList();

        Assert.All(activities, a => Assert.All(new[] { "duration", "distance", "steps", "calories" },
            field => Assert.Equal(JsonValueKind.Number, a.GetProperty(field).ValueKind)));
        Assert.Contains(activities, a => a.GetProperty("duration").GetDouble() % 1 != 0);
        Assert.Contains(sleeps, s => s.GetProperty("timeAsleep").GetDouble() % 1 != 0);
        Assert.Contains(weights, w => w.GetProperty("value").GetDouble() % 1 != 0);
        Assert.All(weights, w => Assert.Equal("kg", w.GetProperty("unit").GetString()));
        Assert.All(activities, a => Assert.Matches(TzOffset(), a.GetProperty("tzOffset").GetString()));
        Assert.InRange(activities.Select(a => a.GetProperty("startTime").GetString()![..10]).Distinct().Count(), 60, 90);
    }

    [Fact]
    public async Task Medical_values_are_strings_and_records_share_codes_and_an_organization()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", ["Starfleet Medical"])).GetProperty("accessToken").GetString();

        var medications = (await sandbox.DataJsonAsync(token, "/medical/medications")).EnumerateArray().ToList();
        var organizations = (await sandbox.DataJsonAsync(token, "/medical/organizations")).EnumerateArray().ToList();
        var profile = await sandbox.DataJsonAsync(token, "/medical/profile");

        Assert.Equal(3, medications.Count);
        var organization = Assert.Single(organizations);
        foreach (var medication in medications)
        {
            Assert.All(medication.GetProperty("details").EnumerateObject(), detail => Assert.Equal(JsonValueKind.String, detail.Value.ValueKind));
            var code = Assert.Single(medication.GetProperty("codes").EnumerateArray());
            Assert.All(new[] { "code", "codeSystem", "codeSystemName", "name" }, field => Assert.Equal(JsonValueKind.String, code.GetProperty(field).ValueKind));
            Assert.Equal(organization.GetProperty("id").GetString(), medication.GetProperty("organization").GetProperty("id").GetString());
        }

        Assert.Equal(JsonValueKind.String, profile.GetProperty("dob").ValueKind);
        Assert.Equal("starfleetmedical", profile.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Only_connected_sources_produce_data_and_medical_records_come_only_from_the_medical_source()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var pharmacy = (await sandbox.ConnectNewUserAsync("pharmacy", ["Starfleet Pharmacy"])).GetProperty("accessToken").GetString();
        var medical = (await sandbox.ConnectNewUserAsync("medical", ["Starfleet Medical"])).GetProperty("accessToken").GetString();
        var none = (await sandbox.ConnectNewUserAsync("none", [])).GetProperty("accessToken").GetString();

        Assert.Empty((await sandbox.DataJsonAsync(pharmacy, "/medical/medications")).EnumerateArray());
        Assert.NotEmpty((await sandbox.DataJsonAsync(pharmacy, "/activities")).EnumerateArray());
        Assert.Empty((await sandbox.DataJsonAsync(medical, "/activities")).EnumerateArray());
        Assert.NotEmpty((await sandbox.DataJsonAsync(medical, "/medical/allergies")).EnumerateArray());
        Assert.Empty((await sandbox.DataJsonAsync(none, "/activities")).EnumerateArray());
        Assert.Empty((await sandbox.DataJsonAsync(none, "/sources")).EnumerateArray());
        using var noProfile = await sandbox.DataAsync(pharmacy, "/medical/profile");
        Assert.Equal(HttpStatusCode.NotFound, noProfile.StatusCode);
        Assert.Equal("application/problem+json", noProfile.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Summary_profile_and_sources_answer_their_shapes()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources);
        var token = tokens.GetProperty("accessToken").GetString();

        var summary = await sandbox.DataJsonAsync(token, "/");
        var withoutSlash = await sandbox.DataJsonAsync(token, string.Empty);
        var profile = await sandbox.DataJsonAsync(token, "/profile");
        var sources = (await sandbox.DataJsonAsync(token, "/sources")).EnumerateArray().ToList();

        Assert.Equal(tokens.GetProperty("humanId").GetString(), summary.GetProperty("humanId").GetString());
        Assert.Equal(summary.GetRawText(), withoutSlash.GetRawText());
        Assert.All(new[] { "heartRate", "bloodPressure", "weight", "activitySummary", "sleepSummary" },
            field => Assert.Equal(JsonValueKind.Object, summary.GetProperty(field).ValueKind));
        Assert.False(summary.TryGetProperty("bloodGlucose", out _), "a measurement without readings is left out of the summary");
        var latestHeartRate = await sandbox.DataJsonAsync(token, "/heart_rate");
        Assert.Equal(latestHeartRate.GetProperty("id").GetString(), summary.GetProperty("heartRate").GetProperty("id").GetString());

        Assert.Equal(tokens.GetProperty("humanId").GetString(), profile.GetProperty("humanId").GetString());
        Assert.Matches(IsoUtcMillis(), profile.GetProperty("createdAt").GetString());
        Assert.False(string.IsNullOrEmpty(profile.GetProperty("defaultTimeZone").GetProperty("name").GetString()));
        Assert.False(profile.TryGetProperty("email", out _), "the sandbox knows no email for its users");

        Assert.Equal(["starfleetpharmacy", "starfleetmedical"], sources.Select(s => s.GetProperty("source").GetString()));
        Assert.Equal(SandboxApp.BothSources, sources.Select(s => s.GetProperty("sourceName").GetString()));
        Assert.All(sources, s =>
        {
            Assert.Matches(IsoUtcMillis(), s.GetProperty("connectedSince").GetString());
            Assert.Equal("ok", s.GetProperty("syncStatus").GetProperty("status").GetString());
            Assert.Matches(IsoUtcMillis(), s.GetProperty("syncStatus").GetProperty("synchedAt").GetString());
            Assert.Matches(Date(), s.GetProperty("syncStatus").GetProperty("newestDate").GetString());
            Assert.Matches(Date(), s.GetProperty("historySync").GetProperty("oldestDate").GetString());
        });
    }

    [Theory]
    [InlineData("/heart_rate")]
    [InlineData("/blood_pressure")]
    [InlineData("/weight")]
    public async Task A_measurements_latest_is_its_newest_reading(string path)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        var latest = await sandbox.DataJsonAsync(token, path);
        var readings = await sandbox.DataJsonAsync(token, path + "/readings?limit=1");

        Assert.Equal(readings[0].GetProperty("id").GetString(), latest.GetProperty("id").GetString());
        Assert.Equal(readings[0].GetRawText(), (await sandbox.DataJsonAsync(token, $"{path}/readings/{latest.GetProperty("id").GetString()}")).GetRawText());
    }

    [Theory]
    [InlineData("/blood_glucose")]
    [InlineData("/blood_oxygen")]
    [InlineData("/bmi")]
    [InlineData("/body_fat")]
    [InlineData("/height")]
    public async Task A_measurement_without_readings_is_an_empty_object_and_an_empty_list(string path)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString();

        using var latest = await sandbox.DataAsync(token, path);
        using var readings = await sandbox.DataAsync(token, path + "/readings");

        Assert.Equal(HttpStatusCode.OK, latest.StatusCode);
        Assert.Equal("{}", await latest.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("[]", await readings.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("0", Assert.Single(readings.Headers.GetValues("X-Total-Count")));
        Assert.False(readings.Headers.Contains("Link"));
    }

    [Theory]
    [InlineData("/locations")]
    [InlineData("/medical/test_results")]
    [InlineData("/medical/vitals")]
    [InlineData("/medical/immunizations")]
    [InlineData("/medical/procedures")]
    [InlineData("/medical/issues")]
    [InlineData("/medical/narratives")]
    [InlineData("/medical/plans_of_care")]
    [InlineData("/locations/daily/2029-12-30")]
    public async Task Types_the_sandbox_does_not_generate_are_a_real_empty_list(string path)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString();

        using var response = await sandbox.DataAsync(token, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("[]", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("^[0-9a-f]{24}$")]
    internal static partial Regex Hex24();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    internal static partial Regex IsoUtcMillis();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    internal static partial Regex Date();

    [GeneratedRegex(@"^[+-]\d{2}:\d{2}$")]
    private static partial Regex TzOffset();
}
