using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using HumanConnect.AspNetCore.Sandbox;

namespace HumanConnect.AspNetCore.SampleHost.Tests.Rendering;

/// <summary>
/// The dashboard a connected user gets on the sample's home page, read through the data client from the embedded
/// sandbox over real HTTP, and parsed as a browser would parse it: the chart's accessible parts and its 30 days, the
/// latest readings, the medications, and each failure in words.
/// </summary>
public sealed class DashboardPageTests
{
    private const string Wellness = "Starfleet Pharmacy";
    private const string Medical = HumanApiSandboxDefaults.MedicalDemoSource;
    private static readonly string[] Panels = ["#steps-panel", "#heart-rate-panel", "#blood-pressure-panel", "#sleep-panel", "#medications-panel"];

    [Fact]
    public async Task The_steps_chart_is_an_accessible_svg_of_thirty_days_with_a_bar_title_each_and_a_hidden_table_of_the_same_data()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Kathryn Janeway");
        await host.ConnectAsync(Wellness, Medical);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var summaries = await host.ReadAsync(user => user.Activities.Summaries.ListAsync(
            new HumanDataQuery { StartDate = today.AddDays(-40), EndDate = today.AddDays(1), Limit = HumanDataQuery.MaxLimit }, Ct));

        var (_, page) = await host.PageAsync("/");

        var svg = page.QuerySelector("#steps-panel svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        var title = page.GetElementById(svg.GetAttribute("aria-labelledby")!)!;
        Assert.Equal("title", title.LocalName);
        Assert.Equal(svg, title.ParentElement);
        var desc = page.GetElementById(svg.GetAttribute("aria-describedby")!)!;
        Assert.Equal("desc", desc.LocalName);
        Assert.StartsWith("Bar chart of 30 days", desc.TextContent, StringComparison.Ordinal);

        // Thirty consecutive days ending on the latest day a summary reports, each the count the data client read.
        var latest = summaries.Items.Max(s => s.Date!.Value);
        var expected = Enumerable.Range(0, 30).Select(i => latest.AddDays(i - 29)).Select(day => (Day: day, Steps: summaries.Items
            .Where(s => s.Date == day).Select(s => s.Steps).Max())).ToList();
        var bars = svg.QuerySelectorAll("rect.bar");
        Assert.Equal(30, bars.Length);
        Assert.Equal(expected.Select(e => $"{e.Day.ToString("ddd d MMM", CultureInfo.InvariantCulture)}: {Count(e.Steps)}"),
            bars.Select(b => Assert.Single(b.Children, c => c.LocalName == "title").TextContent));
        Assert.True(expected.Count(e => e.Steps is not null) >= 28, "the sandbox reports nearly every day");

        // Bar heights are proportional to the steps; a day without data is a sliver.
        var heights = Heights(bars);
        var most = expected.Max(e => e.Steps)!.Value;
        foreach (var (day, height) in expected.Zip(heights))
        {
            Assert.True(day.Steps is { } steps ? Math.Abs((steps / most) - (height / heights.Max())) < 0.005 : height < 5, $"{day.Day}: {height}");
        }

        Assert.Contains($"{expected.Max(e => e.Steps):#,0}", desc.TextContent, StringComparison.Ordinal);

        var table = page.QuerySelector("#steps-panel table")!;
        Assert.Contains("visually-hidden", table.ClassList);
        Assert.Equal(title.TextContent, table.QuerySelector("caption")!.TextContent);
        var rows = table.QuerySelectorAll("tbody tr");
        Assert.Equal(expected.Select(e => (e.Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), e.Steps is { } s ? s.ToString("#,0", CultureInfo.InvariantCulture) : "no data")),
            rows.Select(r => (r.QuerySelector("th[scope=row]")!.TextContent, r.QuerySelector("td")!.TextContent)));

        // Axis labels: steps on the left from 0, days below with the last day named.
        var stepLabels = svg.QuerySelectorAll(".y-axis text").Select(t => t.TextContent).ToList();
        Assert.Equal("0", stepLabels[0]);
        Assert.All(stepLabels.Skip(1), l => Assert.Matches("^[0-9.]+k$", l));
        var dayLabels = svg.QuerySelectorAll(".x-axis text");
        Assert.Equal(latest.ToString("d MMM", CultureInfo.InvariantCulture), dayLabels[dayLabels.Length - 1].TextContent);
    }

    [Fact]
    public async Task The_panels_show_the_latest_heart_rate_and_blood_pressure_last_nights_main_sleep_and_the_medications()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Seven of Nine");
        await host.ConnectAsync(Wellness, Medical);
        var heartRate = (await host.ReadAsync(user => user.HeartRate.GetLatestAsync(Ct)))!;
        var bloodPressure = (await host.ReadAsync(user => user.BloodPressure.GetLatestAsync(Ct)))!;
        var sleeps = await host.ReadAsync(user => user.Sleeps.ListAsync(new HumanDataQuery { Limit = 10 }, Ct));
        var medications = await host.ReadAsync(user => user.Medical.Medications.ListAsync(null, Ct));

        var (_, page) = await host.PageAsync("/");

        Assert.Equal($"{heartRate.Value:0} bpm", Text(page, "#heart-rate-value"));
        Assert.Equal($"{bloodPressure.Systolic:0}/{bloodPressure.Diastolic:0} mmHg", Text(page, "#blood-pressure-value"));
        var night = sleeps.Items.Where(s => s.MainSleep == true).MaxBy(s => s.EndTime)!;
        var minutes = (int)Math.Round(night.TimeAsleep!.Value);
        Assert.Equal($"{minutes / 60} h {minutes % 60} min", Text(page, "#sleep-value"));
        var offset = TimeSpan.Parse(night.TzOffset!.TrimStart('+'), CultureInfo.InvariantCulture);
        Assert.Contains($"In bed {night.StartTime!.Value.ToOffset(offset):HH:mm}–{night.EndTime!.Value.ToOffset(offset):HH:mm}",
            Text(page, "#sleep-panel .panel-meta"), StringComparison.Ordinal);
        Assert.NotEmpty(medications.Items);
        Assert.Equal(medications.Items.OrderBy(m => m.Status == "active" ? 0 : 1).Select(m => m.Name),
            page.QuerySelectorAll("#medications .medication-name").Select(n => n.TextContent));
        Assert.Empty(page.QuerySelectorAll("[data-panel-problem]"));
    }

    [Fact]
    public async Task Without_a_medical_source_the_medications_panel_says_where_medications_come_from()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Tuvok");
        await host.ConnectAsync(Wellness);

        var (_, page) = await host.PageAsync("/");

        Assert.Empty(page.QuerySelectorAll("#medications li"));
        Assert.Contains("No medications in your records", Text(page, "#medications-empty"), StringComparison.Ordinal);
        Assert.Equal(30, page.QuerySelectorAll("#steps-panel rect.bar").Length);
        Assert.NotNull(page.QuerySelector("#heart-rate-value"));
    }

    [Fact]
    public async Task A_signed_in_user_who_never_connected_gets_no_dashboard_and_no_disconnect_control()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Neelix");

        var (_, page) = await host.PageAsync("/");

        Assert.Null(page.QuerySelector("#dashboard"));
        Assert.Null(page.QuerySelector("[data-human-connect-disconnect]"));
        Assert.Equal("create", page.QuerySelector("#connect-health-data")!.GetAttribute("data-human-connect-state"));
    }

    [Theory]
    [InlineData("serverError", "unavailable", "Human API did not answer; try again.")]
    [InlineData("malformedBody", "unavailable", "Human API did not answer; try again.")]
    [InlineData("tooManyRequests", "rate-limited", "Human API asked us to slow down; try again in 1 min.")]
    public async Task When_Human_API_fails_for_every_panel_the_page_says_so_once_in_words_and_still_answers(string fault, string problem, string message)
    {
        using var host = new DashboardHost();
        await host.SignInAsync("B'Elanna Torres");
        await host.ConnectAsync(Wellness, Medical);
        var accessToken = (await host.StoredAsync())!.AccessToken;
        host.Faults.InjectFault(SandboxEndpoint.DataApi, fault switch
        {
            "serverError" => SandboxFault.ServerError(503),
            "malformedBody" => SandboxFault.MalformedBody,
            _ => SandboxFault.TooManyRequests(TimeSpan.FromSeconds(45)),
        }, int.MaxValue);

        var (html, page) = await host.PageAsync("/");

        var notice = Assert.Single(page.QuerySelectorAll("[data-panel-problem]"));
        Assert.Equal("dashboard-problem", notice.Id);
        Assert.Equal(problem, notice.GetAttribute("data-panel-problem"));
        Assert.StartsWith(message, notice.TextContent, StringComparison.Ordinal);
        Assert.All(Panels, panel => Assert.Null(page.QuerySelector(panel)));
        Assert.Equal("edit", page.QuerySelector("#connect-health-data")!.GetAttribute("data-human-connect-state"));
        Assert.NotNull(page.QuerySelector("[data-human-connect-disconnect]"));
        AssertNoSecrets(html, accessToken);

        // The next view, with Human API back, shows the data again: nothing was marked or forgotten.
        host.Faults.Reset();
        var (_, recovered) = await host.PageAsync("/");
        Assert.Empty(recovered.QuerySelectorAll("[data-panel-problem]"));
        Assert.Equal(30, recovered.QuerySelectorAll("#steps-panel rect.bar").Length);
    }

    [Fact]
    public async Task One_family_failing_leaves_the_other_panels_standing()
    {
        // One attempt per call and three faults for five concurrent calls: exactly three panels fail, whichever they are.
        using var host = new DashboardHost(new Dictionary<string, string?> { ["HumanConnect:DataApiMaxAttempts"] = "1" });
        await host.SignInAsync("Harry Kim");
        await host.ConnectAsync(Wellness, Medical);
        host.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.ServerError(500), count: 3);

        var (_, page) = await host.PageAsync("/");

        var failed = Panels.Where(panel => page.QuerySelector($"{panel} [data-panel-problem=unavailable]") is not null).ToList();
        Assert.Equal(3, failed.Count);
        Assert.Equal(2, Panels.Except(failed).Count(panel => page.QuerySelector($"{panel} .metric, {panel} svg, {panel} #medications") is not null));
    }

    [Fact]
    public async Task A_token_Human_API_refuses_says_connect_again_once_and_turns_the_button_into_its_reconnect_state()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Chakotay");
        await host.ConnectAsync(Wellness, Medical);
        var stored = (await host.StoredAsync())!;
        await host.RevokeAtHumanApiAsync(stored.HumanId);

        var (html, page) = await host.PageAsync("/");

        Assert.Contains("Connect again", Text(page, "#dashboard-reconnect"), StringComparison.Ordinal);
        Assert.All(Panels, panel => Assert.Null(page.QuerySelector(panel)));
        var button = page.QuerySelector("#connect-health-data")!;
        Assert.Equal("reconnect", button.GetAttribute("data-human-connect-state"));
        Assert.Equal("Connect again", button.TextContent);
        Assert.Equal(string.Empty, (await host.StoredAsync())!.AccessToken);
        Assert.StartsWith("(none", Text(page, "#access-token"), StringComparison.Ordinal);
        AssertNoSecrets(html, stored.AccessToken);
    }

    [Fact]
    public async Task The_disconnect_control_explains_itself_and_after_a_disconnect_the_page_is_in_create_mode_without_data()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Worf");
        await host.ConnectAsync(Wellness, Medical);
        var accessToken = (await host.StoredAsync())!.AccessToken;
        var (connectedHtml, connected) = await host.PageAsync("/");
        var control = (IHtmlButtonElement)connected.QuerySelector("#disconnect-health-data")!;
        Assert.Equal("button", control.Type);
        Assert.Equal("Disconnect health data", control.TextContent);
        Assert.Contains("Human API deletes your connection", control.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("\"confirm\"", control.GetAttribute("data-human-connect-disconnect"), StringComparison.Ordinal);
        AssertNoSecrets(connectedHtml, accessToken);

        using var disconnected = await host.DisconnectAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, disconnected.StatusCode);
        var (_, page) = await host.PageAsync("/");

        Assert.Null(page.QuerySelector("#dashboard"));
        Assert.Null(page.QuerySelector("[data-human-connect-disconnect]"));
        Assert.Equal("create", page.QuerySelector("#connect-health-data")!.GetAttribute("data-human-connect-state"));
        Assert.Null(await host.StoredAsync());

        // And a second connect brings the dashboard back.
        await host.ConnectAsync(Wellness);
        var (_, again) = await host.PageAsync("/");
        Assert.Equal(30, again.QuerySelectorAll("#steps-panel rect.bar").Length);
        Assert.Equal("edit", again.QuerySelector("#connect-health-data")!.GetAttribute("data-human-connect-state"));
    }

    [Fact]
    public async Task The_dashboard_needs_no_inline_script_or_style_under_the_samples_CSP()
    {
        using var host = new DashboardHost();
        await host.SignInAsync("Data");
        await host.ConnectAsync(Wellness, Medical);

        var (html, page) = await host.PageAsync("/");

        Assert.NotNull(page.QuerySelector("#steps-panel svg"));
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
        Assert.DoesNotContain(page.All, e => e.HasAttribute("style"));
        Assert.Empty(page.QuerySelectorAll("style"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Count(double? steps) =>
        steps is { } s ? $"{s.ToString("#,0", CultureInfo.InvariantCulture)} steps" : "no data";

    private static List<double> Heights(IHtmlCollection<IElement> bars) =>
        [.. bars.Select(b => double.Parse(b.GetAttribute("height")!, CultureInfo.InvariantCulture))];

    private static string Text(IHtmlDocument page, string selector) =>
        Regex.Replace(page.QuerySelector(selector)?.TextContent ?? throw new Xunit.Sdk.XunitException($"{selector} is not on the page"), @"\s+", " ").Trim();

    private static void AssertNoSecrets(string html, string accessToken)
    {
        Assert.False(string.IsNullOrEmpty(accessToken));
        Assert.DoesNotContain(accessToken, html, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.ClientSecret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanApiSandboxDefaults.AppKey, html, StringComparison.Ordinal);
    }
}
