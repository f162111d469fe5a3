using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// JSON bodies to <c>POST /connect/finish</c> that are broken, mistyped, ambiguous or hold bytes no text may hold.
/// Each is built around a real, unspent session token of alice's, so a body the library wrongly accepts really
/// connects her: the upstream and store checks then see it.
/// </summary>
public sealed class JsonBodyCases(HostileHosts hosts)
{
    internal static readonly CaseBook Book = new([.. Broken(), .. Incomplete(), .. WrongTypes(), .. DuplicateKeys(), .. ControlCharacters(), .. InvalidUtf8()]);

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_no_side_effect(string name) =>
        (await CaseRunner.RunAsync(hosts.Production, Book[name])).AssertClean();

    private static IEnumerable<HostileCase> Broken()
    {
        HostileCase Malformed(string name, Func<CaseContext, string> json) => Json("json " + name, json, 400, "malformed_body");

        yield return Malformed("truncated mid-object", context => context.ValidJson[..^12]);
        yield return Malformed("truncated after a colon", context => $"{{\"humanId\":\"{context.Session.HumanId}\",\"clientId\":");
        yield return Malformed("with trailing garbage", context => context.ValidJson + " xyz");
        yield return Malformed("two objects back to back", context => context.ValidJson + context.ValidJson);
        yield return Malformed("top-level empty array", _ => "[]");
        yield return Malformed("top-level array holding the object", context => $"[{context.ValidJson}]");
        yield return Malformed("top-level string", _ => "\"str\"");
        yield return Malformed("top-level number", _ => "123");
        yield return Malformed("top-level null", _ => "null");
        yield return Malformed("top-level true", _ => "true");
        yield return Malformed("unterminated string at the end", context => context.ValidJson[..^2]);
        yield return Malformed("unterminated string mid-object", context => $"{{\"humanId\":\"{context.Session.HumanId},\"clientId\":\"x\"}}");
        yield return Malformed("single-quoted", context => context.ValidJson.Replace('"', '\''));
        yield return Malformed("with a trailing comma", context => context.ValidJson[..^1] + ",}");
        yield return Malformed("with a comment", context => "/* hi */" + context.ValidJson);
        yield return Malformed("empty body", _ => string.Empty);
        yield return Malformed("whitespace only", _ => "  \r\n\t ");
        // Under 8 KiB, far past any sane depth, in a member the library would otherwise ignore.
        yield return Malformed("2000 nested arrays in an unknown member",
            context => context.ValidJsonWith("\"x\":" + new string('[', 2000) + new string(']', 2000)));
        yield return Malformed("1000 nested objects in an unknown member",
            context => context.ValidJsonWith("\"x\":" + string.Concat(Enumerable.Repeat("{\"a\":", 1000)) + "1" + new string('}', 1000)));
    }

    private static IEnumerable<HostileCase> Incomplete()
    {
        HostileCase Invalid(string name, Func<CaseContext, string> json) => Json("json " + name, json, 400, "validation_failed");

        yield return Invalid("empty object", _ => "{}");
        yield return Invalid("with humanId only", context => $"{{\"humanId\":\"{context.Session.HumanId}\"}}");
        yield return Invalid("without sessionToken", context => $"{{\"humanId\":\"{context.Session.HumanId}\",\"clientId\":\"{context.Session.ClientId}\"}}");
        yield return Invalid("with empty strings", _ => "{\"humanId\":\"\",\"clientId\":\"\",\"sessionToken\":\"\"}");
        yield return Invalid("with a 257-character humanId", context => Members(context, humanId: Quote(new string('a', 257))));
        yield return Invalid("with another app's clientId", context => Members(context, clientId: Quote(OtherClientId)));
        yield return Invalid("with fields only under other names", context => $"{{\"human_id\":\"{context.Session.HumanId}\",\"token\":\"{context.Session.Token}\"}}");
    }

    private static IEnumerable<HostileCase> WrongTypes()
    {
        (string Kind, string Json)[] kinds = [("a number", "123"), ("a boolean", "true"), ("an object", "{\"v\":\"x\"}"), ("an array", "[\"x\"]"), ("null", "null")];
        foreach (var (kind, json) in kinds)
        {
            yield return Json($"json humanId as {kind}", context => Members(context, humanId: json), 400, "malformed_body");
            yield return Json($"json clientId as {kind}", context => Members(context, clientId: json), 400, "malformed_body");
            yield return Json($"json sessionToken as {kind}", context => Members(context, sessionToken: json), 400, "malformed_body");
        }
    }

    private static IEnumerable<HostileCase> DuplicateKeys()
    {
        HostileCase Ambiguous(string name, Func<CaseContext, string> json) => Json("json " + name, json, 400, "malformed_body");

        // In each, the real value comes last: a parser where the last one wins connects alice with it.
        yield return Ambiguous("humanId twice", context => context.ValidJsonWith("\"humanId\":\"000000000000000000000000\""));
        yield return Ambiguous("humanId twice with the same value", context => context.ValidJsonWith($"\"humanId\":\"{context.Session.HumanId}\""));
        yield return Ambiguous("clientId twice, another app's first", context => context.ValidJsonWith($"\"clientId\":\"{OtherClientId}\""));
        yield return Ambiguous("sessionToken twice", context => context.ValidJsonWith("\"sessionToken\":\"spent\""));
        yield return Ambiguous("humanId and HumanId", context => context.ValidJson.Replace("\"humanId\"", "\"humanId\":\"x\",\"HumanId\"", StringComparison.Ordinal));
        yield return Ambiguous("clientId and CLIENTID", context => context.ValidJson.Replace("\"clientId\"", $"\"CLIENTID\":\"{OtherClientId}\",\"clientId\"", StringComparison.Ordinal));
        yield return Ambiguous("humanId twice, once spelled with an escape", context => context.ValidJsonWith("\"human\\u0049d\":\"x\""));
    }

    private static IEnumerable<HostileCase> ControlCharacters()
    {
        HostileCase Invalid(string name, Func<CaseContext, string> json) => Json("json " + name, json, 400, "validation_failed");

        yield return Invalid("humanId holding \\u0000", context => Members(context, humanId: Quote(context.Session.HumanId + "\\u0000")));
        yield return Invalid("humanId holding \\n", context => Members(context, humanId: Quote(context.Session.HumanId + "\\n")));
        yield return Invalid("humanId holding \\u001f", context => Members(context, humanId: Quote("\\u001f" + context.Session.HumanId)));
        yield return Invalid("humanId holding \\u007f", context => Members(context, humanId: Quote(context.Session.HumanId + "\\u007f")));
        yield return Invalid("sessionToken ending in \\r\\n", context => Members(context, sessionToken: Quote(context.Session.Token + "\\r\\n")));
        yield return Invalid("clientId holding \\u0000", context => Members(context, clientId: Quote(context.Session.ClientId + "\\u0000")));
        yield return Invalid("sessionToken holding the C1 control \\u0085", context => Members(context, sessionToken: Quote(context.Session.Token + "\\u0085")));
    }

    private static IEnumerable<HostileCase> InvalidUtf8()
    {
        // Each char below is one raw byte on the wire (RawJson sends Latin-1).
        yield return RawJson("json raw 0xFF byte inside humanId", context => Members(context, humanId: Quote(context.Session.HumanId + "\u00FF")));
        yield return RawJson("json raw overlong 0xC0 0xAF inside sessionToken", context => Members(context, sessionToken: Quote(context.Session.Token + "\u00C0\u00AF")));
        yield return RawJson("json lone lead byte 0xC3 ending clientId", context => Members(context, clientId: Quote(context.Session.ClientId + "\u00C3")));
        yield return RawJson("json raw 0xFF byte inside an unknown member", context => context.ValidJsonWith("\"x\":\"\u00FF\u00FE\""));
        yield return RawJson("json raw 0xFF byte inside a member name", context => context.ValidJsonWith("\"\u00FF\":\"x\""));
    }
}
