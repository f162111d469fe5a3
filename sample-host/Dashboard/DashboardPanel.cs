using HumanConnect.AspNetCore;

namespace HumanConnect.SampleHost.Dashboard;

/// <summary>Why a panel of the dashboard has nothing to show; each one gets its own message on the page.</summary>
internal enum PanelProblem
{
    /// <summary>The panel has its value (which may still be "nothing recorded").</summary>
    None,

    /// <summary>Human API refused the stored access token: the user must connect again.</summary>
    ReconnectRequired,

    /// <summary>Nothing is stored for the user any more (disconnected in another tab meanwhile).</summary>
    NotConnected,

    /// <summary>Human API did not answer, answered an error, or answered something unreadable.</summary>
    Unavailable,

    /// <summary>Human API asked us to slow down.</summary>
    RateLimited,

    /// <summary>This app could not read its own token store.</summary>
    StoreUnavailable,
}

/// <summary>What a panel says when it has no value, and the problem's name for the markup.</summary>
internal sealed record PanelNotice(string Message, string ProblemName);

/// <summary>One panel of the dashboard: what the data client read for it, or why it read nothing.</summary>
/// <typeparam name="T">What the panel shows.</typeparam>
/// <param name="Value">The value; <see langword="default"/> when <paramref name="Problem"/> is not <see cref="PanelProblem.None"/>.</param>
/// <param name="Problem">Why there is no value.</param>
/// <param name="RetryAfter">How long Human API asked us to wait, for <see cref="PanelProblem.RateLimited"/>.</param>
internal sealed record DashboardPanel<T>(T? Value, PanelProblem Problem, TimeSpan? RetryAfter = null)
{
    public bool Succeeded => Problem == PanelProblem.None;

    public PanelNotice Notice => new(Message, ProblemName);

    /// <summary>What the panel says instead of its value: plain words, never a status code, a URL or a token.</summary>
    public string Message => Problem switch
    {
        PanelProblem.None => string.Empty,
        PanelProblem.ReconnectRequired => "Human API no longer accepts this app's access to your data. Connect again to see it.",
        PanelProblem.NotConnected => "Your health data is no longer connected.",
        PanelProblem.RateLimited when RetryAfter is { } wait && wait > TimeSpan.Zero =>
            $"Human API asked us to slow down; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} min.",
        PanelProblem.RateLimited => "Human API asked us to slow down; try again in a minute.",
        PanelProblem.StoreUnavailable => "Your connection could not be read right now; try again.",
        _ => "Human API did not answer; try again.",
    };

    /// <summary>The problem's name for the page's markup (<c>data-panel-problem</c>), which tests and CSS use.</summary>
    public string ProblemName => Problem switch
    {
        PanelProblem.ReconnectRequired => "reconnect-required",
        PanelProblem.NotConnected => "not-connected",
        PanelProblem.RateLimited => "rate-limited",
        PanelProblem.StoreUnavailable => "store-unavailable",
        PanelProblem.Unavailable => "unavailable",
        _ => "none",
    };

    /// <summary>The panel for a data client result, its value shaped by <paramref name="shape"/>.</summary>
    public static DashboardPanel<T> From<TRead>(HumanDataResult<TRead> result, Func<TRead?, T> shape) =>
        result.Succeeded
            ? new DashboardPanel<T>(shape(result.Value), PanelProblem.None)
            : new DashboardPanel<T>(default, ProblemOf(result.Failure), result.RetryAfter);

    private static PanelProblem ProblemOf(HumanDataFailure failure) => failure switch
    {
        HumanDataFailure.ReconnectRequired => PanelProblem.ReconnectRequired,
        HumanDataFailure.NotConnected => PanelProblem.NotConnected,
        HumanDataFailure.RateLimited => PanelProblem.RateLimited,
        HumanDataFailure.StoreUnavailable => PanelProblem.StoreUnavailable,

        // Timeout, 5xx, unreadable answers, and the kinds this page's own queries should never meet (NotFound,
        // InvalidQuery): to the user they are all "Human API did not answer; try again".
        _ => PanelProblem.Unavailable,
    };
}
