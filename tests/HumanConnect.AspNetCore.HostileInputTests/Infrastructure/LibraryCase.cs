using System.Text;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Shorthands for cases against the library's endpoints. Unless a case is about them, its requests are signed in as
/// alice with her valid antiforgery token, so the only thing wrong with them is the abuse under test.
/// </summary>
internal static class LibraryCase
{
    public const string Finish = "/connect/finish";
    public const string PublicToken = "/connect/public-token";
    public const string Disconnect = "/connect/disconnect";
    public const string Options = "/connect/options";
    public const string Sync = "/connect/sync";

    /// <summary>A JSON body to finish, as text (UTF-8 on the wire).</summary>
    public static HostileCase Json(string name, Func<CaseContext, string> json, int status, string errorCode) =>
        new(name, context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Json(json(context)), Expectation.Problem(status, errorCode));

    /// <summary>A JSON body to finish whose characters are sent as single raw bytes (Latin-1), for invalid UTF-8.</summary>
    public static HostileCase RawJson(string name, Func<CaseContext, string> latin1Json) =>
        new(name, context => RequestBuilder.Post(Finish).SignedIn(context.Alice).Body(Encoding.Latin1.GetBytes(latin1Json(context)), "application/json"),
            Expectation.Problem(400, "malformed_body"));

    /// <summary>A form body to finish, sent as the bytes of <paramref name="latin1Form"/> (so raw bytes can be placed in it).</summary>
    public static HostileCase Form(string name, Func<CaseContext, string> latin1Form, int status, string errorCode) =>
        new(name, context => RequestBuilder.Post(Finish).SignedIn(context.Alice)
                .Body(Encoding.Latin1.GetBytes(latin1Form(context)), "application/x-www-form-urlencoded"),
            Expectation.Problem(status, errorCode));

    /// <summary>
    /// The sessionTokenObject as JSON with alice's real values, except those given, which are raw JSON text
    /// (<c>123</c>, <c>null</c>, <c>"x"</c>).
    /// </summary>
    public static string Members(CaseContext context, string? humanId = null, string? clientId = null, string? sessionToken = null) =>
        $"{{\"humanId\":{humanId ?? Quote(context.Session.HumanId)},\"clientId\":{clientId ?? Quote(context.Session.ClientId)}," +
        $"\"sessionToken\":{sessionToken ?? Quote(context.Session.Token)}}}";

    public static string Quote(string value) => $"\"{value}\"";

    /// <summary>Another app's client id: 40 hex characters, like the sandbox's own.</summary>
    public const string OtherClientId = "2e9574ecd415c99346879d07689ec1c732c11036";
}
