using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// <c>POST /connect/sync</c> where it is live: on the hosts in Connect v2, where a sync that got through would mint an
/// <c>access</c> token at Human API (a call the ledger pins on the case). Forged antiforgery tokens and cookies, other
/// methods, bodies too large, broken, cut or slow: the body says nothing to sync, but it is still read, bounded, before
/// anything else happens. Each case also runs on the v2 host in Development.
/// </summary>
public sealed class ConnectV2Cases
{
    private static readonly TimeSpan OneByteASecond = TimeSpan.FromSeconds(1);

    internal static readonly CaseBook Book = new([
        .. AntiforgeryAndAuthCases.ForEndpoint(Sync, "sync").Select(hostileCase => hostileCase with { Name = "v2 " + hostileCase.Name }),
        .. Methods(), .. Lengths(), .. Chunking(), .. Slow(), .. Paths()]);

    private readonly HostileHosts _hosts;

    public ConnectV2Cases(HostileHosts hosts)
    {
        _hosts = hosts;
        CaseRunner.Prestart(hosts.ProductionV2, Book.All.Where(hostileCase => hostileCase.Slow));
        CaseRunner.Prestart(hosts.DevelopmentV2, Book.All.Where(hostileCase => hostileCase.Slow));
    }

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_no_side_effect(string name) =>
        (await CaseRunner.RunAsync(_hosts.ProductionV2, Book[name])).AssertClean();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Holds_in_Development_too(string name) =>
        (await CaseRunner.RunAsync(_hosts.DevelopmentV2, Book[name])).AssertClean();

    /// <summary>A JSON body of exactly <paramref name="bytes"/> bytes: sync reads no field, so any content does.</summary>
    internal static string Padding(int bytes) => $"{{\"pad\":\"{new string('a', bytes - "{\"pad\":\"\"}".Length)}\"}}";

    private static RequestBuilder SignedInSync(CaseContext context, string target = Sync) => RequestBuilder.Post(target).SignedIn(context.Alice);

    private static IEnumerable<HostileCase> Methods()
    {
        foreach (var target in new[] { Sync, "/health" + Sync })
        {
            foreach (var method in new[] { "GET", "PUT", "DELETE", "PATCH" })
            {
                yield return new HostileCase($"v2 method {method} {target}",
                    context => method is "PUT" or "PATCH"
                        ? new RequestBuilder(method, target).SignedIn(context.Alice).Json(Padding(64))
                        : new RequestBuilder(method, target).SignedIn(context.Alice),
                    Expectation.MethodNotAllowed());
            }
        }
    }

    private static IEnumerable<HostileCase> Lengths()
    {
        var tooLarge = Expectation.Problem(413, "body_too_large");
        yield return new("v2 length: declared 9000, 9000 bytes sent", context => SignedInSync(context).Json(Padding(9000)), tooLarge);
        yield return new("v2 length: declared 1 GiB, nothing sent",
            context => SignedInSync(context).Body([], "application/json").DeclaredLength("1073741824"), tooLarge);
        yield return new("v2 length: declared longer than sent, then the client closes",
            context => SignedInSync(context).Json(Padding(64)).DeclaredLength("500").ThenClose(), Expectation.NoAnswer);
    }

    private static IEnumerable<HostileCase> Chunking()
    {
        var malformed = Expectation.Problem(400, "malformed_body");
        var body = Padding(64);
        yield return new("v2 chunked: invalid chunk size zz", context => SignedInSync(context).Chunked($"zz\r\n{body}\r\n0\r\n\r\n"), malformed);
        yield return new("v2 chunked: chunk size that overflows",
            context => SignedInSync(context).Chunked($"FFFFFFFFFFFFFFFFFFFF\r\n{body}\r\n0\r\n\r\n"), malformed);
        yield return new("v2 chunked: negative chunk size", context => SignedInSync(context).Chunked($"-1\r\n{body}\r\n0\r\n\r\n"), malformed);
        yield return new("v2 chunked: no CRLF after the chunk data",
            context => SignedInSync(context).Chunked($"{body.Length:x}\r\n{body}0\r\n\r\n"), malformed);
        yield return new("v2 chunked: chunk longer than its declared size", context => SignedInSync(context).Chunked($"4\r\n{body}\r\n0\r\n\r\n"), malformed);
        yield return new("v2 chunked: cut mid-chunk, then the client closes",
            context => SignedInSync(context).Chunked($"{body.Length:x}\r\n{body[..20]}").ThenClose(), Expectation.NoAnswer);

        var tooLarge = Expectation.Problem(413, "body_too_large");
        foreach (var target in new[] { Sync, "/health" + Sync })
        {
            yield return new($"v2 chunked: 9 KiB body to {target}",
                context => SignedInSync(context, target).Chunked(TransportCases.Chunks(Padding(9 * 1024))), tooLarge);
            yield return new($"v2 chunked: 200 KiB body to {target}",
                context => SignedInSync(context, target).Chunked(TransportCases.Chunks(Padding(200 * 1024), 8192)), tooLarge);
        }
    }

    private static IEnumerable<HostileCase> Slow()
    {
        var timeout = Expectation.Problem(408, "request_timeout");
        var body = Padding(64);
        yield return new HostileCase("v2 slow: declared longer than sent, then the client stalls",
            context => SignedInSync(context).Json(body).DeclaredLength("500"), timeout) { Slow = true };
        yield return new HostileCase("v2 slow: half the body sent, then the client stalls",
            context => SignedInSync(context).Json(body).SendOnly(32), timeout) { Slow = true };
        yield return new HostileCase("v2 slow: chunked, no last chunk, then the client stalls",
            context => SignedInSync(context).Chunked(TransportCases.Chunks(body)[..^5]), timeout) { Slow = true };
        yield return new HostileCase("v2 slow: a body at one byte a second",
            context => SignedInSync(context).Json(body).Trickle(OneByteASecond), timeout) { Slow = true };
        yield return new HostileCase("v2 slow: chunked at one byte a second",
            context => SignedInSync(context).Chunked(TransportCases.Chunks(body)).Trickle(OneByteASecond), timeout) { Slow = true };
    }

    /// <summary>Spellings of the path, signed in but with no antiforgery token: the library's 400, or routing's 404.</summary>
    private static IEnumerable<HostileCase> Paths() =>
        new[] { "/Connect/Sync", "/connect/sync/", "/connect//sync", "/connect/%73ync", "/connect%2Fsync", "/connect/sync;x=1", "/health/../connect/sync", "/HEALTH/connect/sync" }
            .Select(target => new HostileCase($"v2 path {target}",
                context => RequestBuilder.Post(target).CookiesOf(context.Alice).Json(Padding(64)),
                Expectation.ProblemOrNotFound(400, "antiforgery_failed")));
}
