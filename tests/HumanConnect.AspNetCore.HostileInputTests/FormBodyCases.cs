using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// Form bodies to <c>POST /connect/finish</c> (jQuery's <c>$.post</c> shape) that are ambiguous, hold control
/// characters, or decode to invalid UTF-8. Built around a real session token of alice's, like the JSON cases.
/// </summary>
public sealed class FormBodyCases(HostileHosts hosts)
{
    internal static readonly CaseBook Book = new([.. Ambiguous(), .. ControlCharacters(), .. InvalidUtf8(), .. Shapes()]);

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_no_side_effect(string name) =>
        (await CaseRunner.RunAsync(hosts.Production, Book[name])).AssertClean();

    private static IEnumerable<HostileCase> Ambiguous()
    {
        // The real value comes last, as in the JSON duplicates.
        yield return Form("form humanId twice", context => "humanId=a&" + context.ValidForm, 400, "malformed_body");
        yield return Form("form humanId twice with the same value", context => $"humanId={context.Session.HumanId}&" + context.ValidForm, 400, "malformed_body");
        yield return Form("form humanId and HUMANID", context => context.ValidForm.Replace("humanId=", "HUMANID=b&humanId=", StringComparison.Ordinal), 400, "malformed_body");
        yield return Form("form clientId twice, another app's first", context => $"clientId={OtherClientId}&" + context.ValidForm, 400, "malformed_body");
        yield return Form("form sessionToken twice", context => context.ValidForm + "&sessionToken=spent", 400, "malformed_body");
        yield return Form("form humanId twice, once percent-encoded in the name", context => "human%49d=a&" + context.ValidForm, 400, "malformed_body");
    }

    private static IEnumerable<HostileCase> ControlCharacters()
    {
        yield return Form("form humanId holding %00", context => context.ValidForm.Replace("&clientId", "%00&clientId", StringComparison.Ordinal), 400, "validation_failed");
        yield return Form("form humanId holding %0A", context => context.ValidForm.Replace("&clientId", "%0A&clientId", StringComparison.Ordinal), 400, "validation_failed");
        yield return Form("form sessionToken ending in %0D%0A", context => context.ValidForm + "%0D%0A", 400, "validation_failed");
        yield return Form("form clientId holding %7F", context => context.ValidForm.Replace("&sessionToken", "%7F&sessionToken", StringComparison.Ordinal), 400, "validation_failed");
    }

    private static IEnumerable<HostileCase> InvalidUtf8()
    {
        yield return Form("form humanId holding %FF%FE", context => context.ValidForm.Replace("&clientId", "%FF%FE&clientId", StringComparison.Ordinal), 400, "malformed_body");
        yield return Form("form sessionToken holding the overlong %C0%AF", context => context.ValidForm + "%C0%AF", 400, "malformed_body");
        yield return Form("form clientId ending in a lone %C3", context => context.ValidForm.Replace("&sessionToken", "%C3&sessionToken", StringComparison.Ordinal), 400, "malformed_body");
        // One raw byte on the wire (Form sends Latin-1).
        yield return Form("form raw 0xFF byte inside humanId", context => context.ValidForm.Replace("&clientId", "\u00FF&clientId", StringComparison.Ordinal), 400, "malformed_body");
        yield return Form("form %FF inside an unknown field", context => context.ValidForm + "&x=%FF", 400, "malformed_body");
        yield return Form("form %FF inside a field name", context => context.ValidForm + "&%FF=x", 400, "malformed_body");
    }

    private static IEnumerable<HostileCase> Shapes()
    {
        yield return Form("form empty body", _ => string.Empty, 400, "malformed_body");
        yield return Form("form with 40 fields", context => context.ValidForm + string.Concat(Enumerable.Range(0, 37).Select(i => $"&f{i}=x")), 400, "malformed_body");
        yield return Form("form with a 200-character field name", context => context.ValidForm + $"&{new string('n', 200)}=x", 400, "malformed_body");
        yield return Form("form with humanId only", context => $"humanId={context.Session.HumanId}", 400, "validation_failed");
        yield return Form("form with empty values", _ => "humanId=&clientId=&sessionToken=", 400, "validation_failed");
        yield return Form("form with another app's clientId", context => context.ValidForm.Replace(context.Session.ClientId, OtherClientId, StringComparison.Ordinal), 400, "validation_failed");
        // jQuery's content type is accepted: the body is read (and found incomplete), not refused as a media type.
        yield return new HostileCase("form as application/x-www-form-urlencoded; charset=UTF-8, humanId empty",
            context => RequestBuilder.Post(Finish).SignedIn(context.Alice)
                .Body(System.Text.Encoding.UTF8.GetBytes($"humanId=&clientId={context.Session.ClientId}&sessionToken={context.Session.Token}"),
                    "application/x-www-form-urlencoded; charset=UTF-8"),
            Expectation.Problem(400, "validation_failed"));
    }
}
