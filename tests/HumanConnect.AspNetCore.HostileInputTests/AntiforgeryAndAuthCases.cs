using System.Security.Cryptography;
using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;
using static HumanConnect.AspNetCore.HostileInputTests.Infrastructure.LibraryCase;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// Forged antiforgery tokens (400 antiforgery_failed) and forged authentication cookies (401 not_authenticated,
/// never a login redirect), on every endpoint. Finish carries alice's valid body, so only the forgery is wrong. Sync
/// is here too: in the legacy flow its group filters run before the one that answers 404 connect_version_mismatch, so
/// a forgery gets the same 400 or 401 as on the legacy endpoints (<see cref="ConnectV2Cases"/> sends them in v2).
/// </summary>
public sealed class AntiforgeryAndAuthCases(HostileHosts hosts)
{
    internal static readonly CaseBook Book = new([
        .. ForEndpoint(Finish, "finish"), .. ForEndpoint(PublicToken, "public-token"), .. ForEndpoint(Disconnect, "disconnect"),
        .. ForEndpoint(Sync, "sync"), .. ForOptions()]);

    public static TheoryData<string> Names => Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Is_refused_with_a_problem_and_no_side_effect(string name) =>
        (await CaseRunner.RunAsync(hosts.Production, Book[name])).AssertClean();

    internal static IEnumerable<HostileCase> ForEndpoint(string target, string label)
    {
        // The body a page would post: the sessionTokenObject to finish, nothing to public-token, disconnect or sync.
        RequestBuilder Request(CaseContext context) => target == Finish
            ? RequestBuilder.Post(target).Json(context.ValidJson)
            : RequestBuilder.Post(target);

        var forged = Expectation.Problem(400, "antiforgery_failed");
        HostileCase Forged(string name, Func<CaseContext, RequestBuilder> request) => new($"antiforgery {label}: {name}", request, forged);

        yield return Forged("no header", context => Request(context).CookiesOf(context.Alice));
        yield return Forged("empty header", context => Request(context).CookiesOf(context.Alice).Header(RequestBuilder.AntiforgeryHeader, string.Empty));
        yield return Forged("random base64 token", context => Request(context).CookiesOf(context.Alice)
            .Header(RequestBuilder.AntiforgeryHeader, Convert.ToBase64String(RandomNumberGenerator.GetBytes(96))));
        yield return Forged("truncated real token", context => Request(context).CookiesOf(context.Alice)
            .Header(RequestBuilder.AntiforgeryHeader, context.Alice.RequestToken[..^8]));
        yield return Forged("carol's token with carol's antiforgery cookie", context => Request(context)
            .Header("Cookie", $"{context.Alice.Authentication}; {context.Carol.Antiforgery}").Header(RequestBuilder.AntiforgeryHeader, context.Carol.RequestToken));
        yield return Forged("carol's token with alice's antiforgery cookie", context => Request(context).CookiesOf(context.Alice)
            .Header(RequestBuilder.AntiforgeryHeader, context.Carol.RequestToken));
        yield return Forged("alice's token without her antiforgery cookie", context => Request(context)
            .Header("Cookie", context.Alice.Authentication.ToString()).Header(RequestBuilder.AntiforgeryHeader, context.Alice.RequestToken));
        yield return Forged("the header twice, real then garbage", context => Request(context).SignedIn(context.Alice)
            .Header(RequestBuilder.AntiforgeryHeader, "garbage"));
        // Header mode is on: a token in the form field is not where the library was told to look.
        yield return Forged("token as a form field instead of the header", context => RequestBuilder.Post(target).CookiesOf(context.Alice)
            .Form($"__RequestVerificationToken={Uri.EscapeDataString(context.Alice.RequestToken)}" + (target == Finish ? "&" + context.ValidForm : string.Empty)));

        var anonymous = Expectation.Problem(401, "not_authenticated");
        HostileCase Unauthenticated(string name, Func<CaseContext, Cookie?> authentication) => new($"authentication {label}: {name}",
            context => Request(context)
                .Header("Cookie", authentication(context) is { } cookie ? $"{cookie}; {context.Alice.Antiforgery}" : context.Alice.Antiforgery.ToString())
                .Header(RequestBuilder.AntiforgeryHeader, context.Alice.RequestToken),
            anonymous);

        yield return Unauthenticated("no authentication cookie", _ => null);
        yield return Unauthenticated("empty cookie", context => context.Alice.Authentication.WithValue(string.Empty));
        yield return Unauthenticated("garbage cookie", context => context.Alice.Authentication.WithValue("garbage-not-a-ticket"));
        yield return Unauthenticated("alice's cookie with a byte flipped", context => context.Alice.Authentication.WithValue(Flip(context.Alice.Authentication.Value)));
        yield return Unauthenticated("alice's cookie truncated", context => context.Alice.Authentication.WithValue(context.Alice.Authentication.Value[..^10]));
        yield return new HostileCase($"authentication {label}: no cookie and no token at all", Request, anonymous);
    }

    /// <summary>The options endpoint needs no antiforgery token (it only reads), but a forged cookie is nobody: 401, no store read.</summary>
    private static IEnumerable<HostileCase> ForOptions()
    {
        var anonymous = Expectation.Problem(401, "not_authenticated");
        HostileCase Unauthenticated(string name, Func<CaseContext, string?> cookie) => new($"authentication options: {name}",
            context => cookie(context) is { } value ? RequestBuilder.Get(Options).Header("Cookie", value) : RequestBuilder.Get(Options),
            anonymous);

        yield return Unauthenticated("no cookie at all", _ => null);
        yield return Unauthenticated("only alice's antiforgery cookie", context => context.Alice.Antiforgery.ToString());
        yield return Unauthenticated("garbage cookie", context => context.Alice.Authentication.WithValue("garbage-not-a-ticket").ToString());
        yield return Unauthenticated("alice's cookie with a byte flipped", context => context.Alice.Authentication.WithValue(Flip(context.Alice.Authentication.Value)).ToString());
    }

    /// <summary>The cookie with one character in its middle changed to another of the base64url alphabet.</summary>
    private static string Flip(string value)
    {
        var middle = value.Length / 2;
        var flipped = value[middle] == 'A' ? 'B' : 'A';
        return string.Concat(value.AsSpan(0, middle), new string(flipped, 1), value.AsSpan(middle + 1));
    }
}
