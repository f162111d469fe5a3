using HumanConnect.AspNetCore;

namespace HumanConnect.SampleHost.Dashboard;

/// <summary>
/// Reads the dashboard of one user through the data client: the five families at once (each its own call to Human
/// API, none waiting for another), with the request's cancellation token, so a closed tab stops them all.
/// </summary>
/// <remarks>Public only because the index page's model, which Razor Pages needs public, takes it in its constructor.</remarks>
public sealed class HealthDashboardReader(TimeProvider time)
{
    /// <summary>How many days the steps chart shows.</summary>
    public const int ChartDays = 30;

    // A sleep list of about a week: enough to find the latest main sleep past a nap or two.
    private const int RecentSleeps = 10;
    private const int MedicationsShown = 20;

    internal async Task<HealthDashboard> ReadAsync(IHumanUserData user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);

        // The user's day may be up to a day ahead of or behind the server's (UTC): ask for a range that covers
        // the last 30 of their days in any time zone; the chart then ends on the latest day reported.
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var stepsQuery = new HumanDataQuery { StartDate = today.AddDays(-ChartDays - 1), EndDate = today.AddDays(1), Limit = HumanDataQuery.MaxLimit };

        var summaries = user.Activities.Summaries.ListAsync(stepsQuery, cancellationToken);
        var heartRate = user.HeartRate.GetLatestAsync(cancellationToken);
        var bloodPressure = user.BloodPressure.GetLatestAsync(cancellationToken);
        var sleeps = user.Sleeps.ListAsync(new HumanDataQuery { Limit = RecentSleeps }, cancellationToken);
        var medications = user.Medical.Medications.ListAsync(new HumanDataQuery { Limit = MedicationsShown }, cancellationToken);
        await Task.WhenAll(summaries, heartRate, bloodPressure, sleeps, medications);

        return new HealthDashboard(
            DashboardPanel<StepsHistory>.From(await summaries, page =>
                StepsHistory.From(page!.Items, ChartDays, latestPossible: stepsQuery.EndDate!.Value, fallbackLast: today.AddDays(-1))),
            DashboardPanel<HumanMeasurement?>.From(await heartRate, latest => latest),
            DashboardPanel<HumanMeasurement?>.From(await bloodPressure, latest => latest),
            DashboardPanel<HumanSleep?>.From(await sleeps, page => LastMainSleep(page!.Items)),
            DashboardPanel<MedicationList>.From(await medications, page =>
                new MedicationList(ActiveFirst(page!.Items), Math.Max(page.TotalCount ?? 0, page.Offset + page.Items.Count))));
    }

    /// <summary>What the user takes now comes first; otherwise Human API's order is kept.</summary>
    private static HumanMedication[] ActiveFirst(IReadOnlyList<HumanMedication> medications) =>
        [.. medications.OrderBy(m => string.Equals(m.Status, "active", StringComparison.OrdinalIgnoreCase) ? 0 : 1)];

    /// <summary>The newest sleep that is a night's main sleep (sources that do not say are taken at their word: main).</summary>
    private static HumanSleep? LastMainSleep(IReadOnlyList<HumanSleep> newestFirst) =>
        newestFirst.Where(s => s.MainSleep != false).MaxBy(s => s.EndTime ?? s.StartTime);
}
