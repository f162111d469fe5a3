using HumanConnect.AspNetCore;

namespace HumanConnect.SampleHost.Dashboard;

/// <summary>The medications the page lists, and how many the records hold in all.</summary>
internal sealed record MedicationList(IReadOnlyList<HumanMedication> Items, long Total);

/// <summary>
/// What the index page shows a connected user, read through <see cref="IHumanDataClient"/>: each panel is a value or
/// the reason it has none, so one failing family never hides the others.
/// </summary>
internal sealed record HealthDashboard(
    DashboardPanel<StepsHistory> Steps,
    DashboardPanel<HumanMeasurement?> HeartRate,
    DashboardPanel<HumanMeasurement?> BloodPressure,
    DashboardPanel<HumanSleep?> Sleep,
    DashboardPanel<MedicationList> Medications)
{
    private IEnumerable<PanelProblem> Problems =>
        [Steps.Problem, HeartRate.Problem, BloodPressure.Problem, Sleep.Problem, Medications.Problem];

    /// <summary>
    /// Human API refused the user's access token. Every panel reads with that one token, so the page says it once,
    /// instead of the panels, and the Connect button is in its "connect again" state.
    /// </summary>
    public bool ReconnectRequired => Problems.Contains(PanelProblem.ReconnectRequired);

    /// <summary>The connection was removed while the page was being read (another tab disconnected): show none.</summary>
    public bool NotConnected => !ReconnectRequired && Problems.Contains(PanelProblem.NotConnected);

    /// <summary>
    /// The one notice the page shows instead of the panels when every panel failed the same way (Human API down, the
    /// store down): five copies of one message would say no more. <see langword="null"/> when any panel has its value.
    /// </summary>
    public PanelNotice? CommonNotice =>
        Problems.Distinct().ToList() is [var only] && only is not PanelProblem.None and not PanelProblem.ReconnectRequired
            ? Steps.Notice
            : null;
}
