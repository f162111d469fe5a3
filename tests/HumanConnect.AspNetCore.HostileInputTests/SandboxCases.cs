using System.Text;
using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using HumanConnect.AspNetCore.Sandbox;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// The sandbox's JSON endpoints under the same abuse: each must answer its legacy error shape, never a 500. The
/// bodies are otherwise valid for their endpoint (real credentials where it takes them), so a duplicate key that is
/// wrongly accepted gets the endpoint's normal answer instead of INVALID_REQUEST.
/// </summary>
public sealed class SandboxCases(HostileHosts hosts)
{
    private const string Secret = HumanApiSandboxDefaults.ClientSecret;
    private const string Id = HumanApiSandboxDefaults.ClientId;

    internal static readonly CaseBook Book = new(Endpoints().SelectMany(endpoint => Cases(endpoint)));

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Answers_its_legacy_error_and_never_500(string name) =>
        (await CaseRunner.RunAsync(hosts.Production, Book[name])).AssertClean();

    /// <summary>An endpoint, a valid body for it, that body with one member mistyped, and with one member given twice (the valid value last).</summary>
    private sealed record SandboxEndpoint(string Path, string Valid, string WrongType, string Duplicate);

    private static IEnumerable<SandboxEndpoint> Endpoints() =>
    [
        new("/sandbox/v1/connect/tokens",
            $"{{\"humanId\":\"000000000000000000000000\",\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\",\"sessionToken\":\"x\"}}",
            $"{{\"humanId\":123,\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\",\"sessionToken\":\"x\"}}",
            $"{{\"clientId\":\"{LibraryCase.OtherClientId}\",\"humanId\":\"000000000000000000000000\",\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\",\"sessionToken\":\"x\"}}"),
        new("/sandbox/v1/connect/publictokens",
            $"{{\"humanId\":\"000000000000000000000000\",\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\"}}",
            $"{{\"humanId\":true,\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\"}}",
            $"{{\"clientSecret\":\"wrong\",\"humanId\":\"000000000000000000000000\",\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\"}}"),
        new("/sandbox/v1/connect/sessions",
            $"{{\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\",\"clientUserId\":\"hostile-sessions-user\"}}",
            $"{{\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\",\"clientUserId\":{{\"a\":1}}}}",
            $"{{\"clientUserId\":\"first\",\"clientId\":\"{Id}\",\"clientSecret\":\"{Secret}\",\"clientUserId\":\"hostile-duplicate-user\"}}"),
        // A zero latency: a fault wrongly accepted here is injected, but changes no other case's answer.
        new("/sandbox/v1/sandbox/faults",
            "{\"endpoint\":\"publictokens\",\"fault\":\"latency\",\"delayMs\":0,\"count\":1}",
            "{\"endpoint\":\"publictokens\",\"fault\":\"latency\",\"delayMs\":0,\"count\":[1]}",
            "{\"endpoint\":\"all\",\"endpoint\":\"publictokens\",\"fault\":\"latency\",\"delayMs\":0,\"count\":1}"),
        new("/sandbox/v1/ui/open",
            $"{{\"clientId\":\"{Id}\",\"clientUserId\":\"hostile-open-user\"}}",
            $"{{\"clientId\":\"{Id}\",\"clientUserId\":[1]}}",
            $"{{\"clientId\":\"{Id}\",\"clientUserId\":\"first\",\"clientUserId\":\"hostile-open-duplicate\"}}"),
        new("/sandbox/v1/ui/source",
            "{\"sessionToken\":\"x\",\"source\":\"Starfleet Medical\",\"connected\":true}",
            "{\"sessionToken\":\"x\",\"source\":\"Starfleet Medical\",\"connected\":\"yes\"}",
            "{\"sessionToken\":\"x\",\"source\":\"Starfleet Medical\",\"connected\":false,\"connected\":true}"),
        new("/sandbox/v1/ui/done",
            "{\"sessionToken\":\"x\"}",
            "{\"sessionToken\":7}",
            "{\"sessionToken\":\"y\",\"sessionToken\":\"x\"}"),
    ];

    private static IEnumerable<HostileCase> Cases(SandboxEndpoint endpoint)
    {
        var path = endpoint.Path;
        var label = "sandbox " + path["/sandbox/v1/".Length..];
        var invalid = Expectation.Legacy(400, "INVALID_REQUEST");
        var unsupported = Expectation.Legacy(415, "UNSUPPORTED_MEDIA_TYPE");
        HostileCase Json(string name, string json, Expectation expect) => Raw(name, Encoding.UTF8.GetBytes(json), "application/json", expect);
        HostileCase Raw(string name, byte[] body, string? contentType, Expectation expect) =>
            new($"{label}: {name}", _ => RequestBuilder.Post(path).Body(body, contentType), expect);
        HostileCase Chunked(string name, string chunked, Expectation expect) =>
            new($"{label}: {name}", _ => RequestBuilder.Post(path).Chunked(chunked), expect);

        yield return Raw("application/json; charset=bogus", Encoding.UTF8.GetBytes(endpoint.Valid), "application/json; charset=bogus", unsupported);
        yield return Raw("text/plain", Encoding.UTF8.GetBytes(endpoint.Valid), "text/plain", unsupported);
        yield return Json("truncated JSON", endpoint.Valid[..^6], invalid);
        yield return Json("top-level array", "[]", invalid);
        yield return Json("top-level null", "null", invalid);
        yield return Json("a member of the wrong type", endpoint.WrongType, invalid);
        yield return Json("a member given twice", endpoint.Duplicate, invalid);
        yield return Json("2000 nested arrays in an unknown member", "{\"x\":" + new string('[', 2000) + new string(']', 2000) + "," + endpoint.Valid[1..], invalid);
        // One raw byte 0xFF inside a string (Latin-1 maps the char to that byte).
        yield return Raw("raw 0xFF byte inside a string", Encoding.Latin1.GetBytes(endpoint.Valid.Replace(":\"", ":\"\u00FF", StringComparison.Ordinal)), "application/json", invalid);
        yield return Chunked("chunked, invalid chunk size zz", $"zz\r\n{endpoint.Valid}\r\n0\r\n\r\n", invalid);
        yield return Chunked("chunked, chunk size that overflows", $"FFFFFFFFFFFFFFFFFFFF\r\n{endpoint.Valid}\r\n0\r\n\r\n", invalid);
        yield return Chunked("chunked, no CRLF after the chunk data", $"{endpoint.Valid.Length:x}\r\n{endpoint.Valid}0\r\n\r\n", invalid);
        yield return Chunked("chunked, 20 KiB body", TransportCases.Chunks("{\"pad\":\"" + new string('a', 20 * 1024) + "\"," + endpoint.Valid[1..], 4096),
            Expectation.LegacyTooLarge());
        yield return new($"{label}: declared 20 KiB, a small body sent",
            _ => RequestBuilder.Post(path).Json(endpoint.Valid).DeclaredLength((20 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Expectation.LegacyTooLarge());
    }
}
