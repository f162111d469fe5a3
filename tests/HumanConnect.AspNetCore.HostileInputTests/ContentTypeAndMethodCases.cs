using System.Text;
using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// A valid sessionTokenObject under a content type the library must not read (415), and the endpoints called with
/// the wrong method (405 with <c>Allow: POST</c>, or <c>Allow: GET</c> for the options endpoint). Signed in, with a valid antiforgery token: only the abuse is wrong.
/// </summary>
public sealed class ContentTypeAndMethodCases(HostileHosts hosts)
{
    internal static readonly CaseBook Book = new([.. ContentTypes(), .. Methods()]);

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_no_side_effect(string name) =>
        (await CaseRunner.RunAsync(hosts.Production, Book[name])).AssertClean();

    private static IEnumerable<HostileCase> ContentTypes()
    {
        var unsupported = Expectation.Problem(415, "unsupported_media_type");
        HostileCase Typed(string name, string? contentType, Func<CaseContext, byte[]> body) =>
            new("content type " + name, context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Body(body(context), contentType), unsupported);

        yield return Typed("none, JSON body", null, context => Encoding.UTF8.GetBytes(context.ValidJson));
        yield return Typed("text/plain, JSON body", "text/plain", context => Encoding.UTF8.GetBytes(context.ValidJson));
        yield return Typed("application/xml", "application/xml", context => Encoding.UTF8.GetBytes(
            $"<s><humanId>{context.Session.HumanId}</humanId><clientId>{context.Session.ClientId}</clientId><sessionToken>{context.Session.Token}</sessionToken></s>"));
        yield return Typed("application/octet-stream, JSON body", "application/octet-stream", context => Encoding.UTF8.GetBytes(context.ValidJson));
        yield return Typed("multipart/form-data with the three fields", "multipart/form-data; boundary=XyZ", context => Encoding.UTF8.GetBytes(Multipart(context, "XyZ")));
        yield return Typed("application/json; charset=bogus", "application/json; charset=bogus", context => Encoding.UTF8.GetBytes(context.ValidJson));
        yield return Typed("application/json; charset=utf-16, UTF-16 body", "application/json; charset=utf-16", context => Encoding.Unicode.GetBytes(context.ValidJson));
        yield return Typed("application/x-www-form-urlencoded; charset=iso-8859-1", "application/x-www-form-urlencoded; charset=iso-8859-1",
            context => Encoding.Latin1.GetBytes(context.ValidForm));
    }

    private static IEnumerable<HostileCase> Methods()
    {
        foreach (var target in new[] { Finish, PublicToken, Disconnect, Sync, "/health" + Finish })
        {
            foreach (var method in new[] { "GET", "PUT", "DELETE", "PATCH" })
            {
                if (target.StartsWith("/health", StringComparison.Ordinal) && method != "GET")
                {
                    continue;
                }

                yield return new HostileCase($"method {method} {target}",
                    context => method is "PUT" or "PATCH"
                        ? new RequestBuilder(method, target).SignedIn(context.Alice).Json(context.ValidJson)
                        : new RequestBuilder(method, target).SignedIn(context.Alice),
                    Expectation.MethodNotAllowed());
            }
        }

        // The options endpoint answers GET only: a POST (with the sessionTokenObject, even) changes nothing.
        foreach (var method in new[] { "POST", "PUT", "DELETE", "PATCH" })
        {
            yield return new HostileCase($"method {method} {Options}",
                context => method == "DELETE"
                    ? new RequestBuilder(method, Options).SignedIn(context.Alice)
                    : new RequestBuilder(method, Options).SignedIn(context.Alice).Json(context.ValidJson),
                Expectation.MethodNotAllowed("GET"));
        }
    }

    private static string Multipart(CaseContext context, string boundary)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in new[] { ("humanId", context.Session.HumanId), ("clientId", context.Session.ClientId), ("sessionToken", context.Session.Token) })
        {
            body.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }

        return body.Append("--").Append(boundary).Append("--\r\n").ToString();
    }
}
