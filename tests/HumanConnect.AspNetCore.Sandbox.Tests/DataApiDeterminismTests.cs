using System.Net;
using HumanConnect.AspNetCore.Sandbox.Data;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Demo data depends on the humanId, the sources and the clock, and on nothing else.</summary>
public sealed class DataApiDeterminismTests : IDisposable
{
    private static readonly string[] Paths =
        ["/", "/activities?limit=500&time_series=true", "/sleeps/summaries", "/heart_rate/readings?limit=500", "/medical/medications", "/medical/profile", "/sources"];

    private readonly string _directory = Directory.CreateTempSubdirectory("hc-sandbox-data-").FullName;

    [Fact]
    public async Task The_same_humanId_reads_the_same_data_after_a_restart()
    {
        var stateFile = Path.Combine(_directory, "state.json");
        string token;
        List<string> before;
        await using (var first = await StartAsync(stateFile))
        {
            token = (await first.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString()!;
            before = await ReadAllAsync(first, token);
        }

        await using var second = await StartAsync(stateFile);
        var after = await ReadAllAsync(second, token);

        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Two_sandboxes_answer_the_demo_user_byte_for_byte_alike_and_other_users_differently()
    {
        await using var one = await SandboxApp.StartAsync();
        await using var two = await SandboxApp.StartAsync();
        var user = (await one.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString()!;

        var demoOne = await ReadAllAsync(one, "demo");
        var demoTwo = await ReadAllAsync(two, "demo");
        var other = await ReadAllAsync(one, user);

        Assert.Equal(demoOne, demoTwo);
        Assert.Empty(ActivityIds(demoOne[1]).Intersect(ActivityIds(other[1])));
    }

    [Fact]
    public async Task A_days_records_stay_the_same_as_the_clock_moves_on()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString()!;
        var before = await sandbox.DataJsonAsync(token, "/activities/daily/2029-12-20");
        var summariesBefore = await sandbox.DataJsonAsync(token, "/activities/summaries?limit=500");

        sandbox.Time.Advance(TimeSpan.FromDays(3));
        var after = await sandbox.DataJsonAsync(token, "/activities/daily/2029-12-20");
        var summaries = await sandbox.DataJsonAsync(token, "/activities/summaries?limit=500");

        string Key(System.Text.Json.JsonElement a) => a.GetProperty("id").GetString() + a.GetProperty("startTime").GetString() + a.GetProperty("steps").GetDouble();
        Assert.NotEqual(0, before.GetArrayLength());
        Assert.Equal(before.EnumerateArray().Select(Key), after.EnumerateArray().Select(Key));
        var newestBefore = DateOnly.Parse(summariesBefore[0].GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(newestBefore.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), summaries[0].GetProperty("date").GetString());
        Assert.Equal(summariesBefore.GetArrayLength(), summaries.GetArrayLength());
        Assert.Equal(summariesBefore[0].GetProperty("id").GetString(), summaries[3].GetProperty("id").GetString());
    }

    [Fact]
    public void The_generator_gives_equal_records_for_equal_inputs_without_any_host()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var human = DemoHuman.Demo(SandboxApp.BothSources, now.AddDays(-200));

        var first = new DemoData(human, now);
        var second = new DemoData(human, now);

        Assert.Equal(first.Activities(timeSeries: true).Select(item => item.Record.ToString()), second.Activities(timeSeries: true).Select(item => item.Record.ToString()));
        Assert.Equal(first.Encounters().Select(item => item.Record.Id), second.Encounters().Select(item => item.Record.Id));
        Assert.InRange(first.ActivitySummaries().Count, 89, 90);
        Assert.InRange(first.Encounters().Count, 3, 4);
        Assert.Equal(3, first.Medications().Count);
        Assert.Equal(2, first.Allergies().Count);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<string> ActivityIds(string activities) =>
        System.Text.Json.JsonDocument.Parse(activities).RootElement.EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();

    private static async Task<List<string>> ReadAllAsync(SandboxApp sandbox, string token)
    {
        var bodies = new List<string>();
        foreach (var path in Paths)
        {
            using var response = await sandbox.DataAsync(token, path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        return bodies;
    }

    private static Task<SandboxApp> StartAsync(string stateFile) =>
        SandboxApp.StartAsync(configureServices: services => services.Configure<HumanApiSandboxOptions>(o => o.StateFilePath = stateFile));
}
