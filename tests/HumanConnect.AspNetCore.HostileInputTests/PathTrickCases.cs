using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// Spellings of the endpoints' paths that a filter in front of the app might not recognise. Sent signed in with a
/// valid body but no antiforgery token: the library, if it answers, must answer by its normal rules (400
/// antiforgery_failed); otherwise routing answers 404. Never a 2xx, never a 500, never a call to Human API.
/// </summary>
public sealed class PathTrickCases(HostileHosts hosts)
{
    internal static readonly CaseBook Book = new(Targets().Select(target => new HostileCase($"path {target}",
        context => RequestBuilder.Post(target.Replace("{humanId}", context.Session.HumanId, StringComparison.Ordinal))
            .CookiesOf(context.Alice).Json(context.ValidJson),
        Expectation.ProblemOrNotFound(400, "antiforgery_failed"))));

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_by_the_library_or_not_found(string name) =>
        (await CaseRunner.RunAsync(hosts.Production, Book[name])).AssertClean();

    private static IEnumerable<string> Targets() =>
    [
        "/CONNECT/FINISH",
        "/Connect/Public-Token",
        "/connect/finish/",
        "/connect/public-token/",
        "/connect//finish",
        "//connect/finish",
        "/connect/%66inish",
        "/%63onnect/finish",
        "/connect/finish%2F",
        "/connect%2Ffinish",
        "/connect/finish;x=1",
        "/connect/./finish",
        "/connect/../connect/finish",
        "/health/../connect/finish",
        "/health/connect/finish",
        "/HEALTH/connect/public-token",
        "/connect/finish?humanId={humanId}",
        "/connect/finish?",
        "/connect/finish%20",
        "/Connect/Disconnect",
        "/connect/disconnect/",
        "/connect/%64isconnect",
        "/health/../connect/disconnect",
        "/Connect/Sync",
        "/connect/sync/",
        "/connect/%73ync",
        "/health/../connect/sync",
    ];
}
