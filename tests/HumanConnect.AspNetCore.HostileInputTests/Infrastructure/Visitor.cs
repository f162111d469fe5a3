using System.Net.Http.Headers;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// A browser that signed in through the host's real cookie authentication and fetched its antiforgery token: the
/// cookies it holds and the token a page would put in the request header.
/// </summary>
internal sealed record Visitor(string User, Cookie Authentication, Cookie Antiforgery, string RequestToken)
{
    public const string AuthenticationCookieName = ".AspNetCore.Cookies";

    /// <summary>Both cookies, as a browser sends them.</summary>
    public string CookieHeader => $"{Authentication}; {Antiforgery}";

    /// <summary>Signs <paramref name="user"/> in with <c>POST /test/signin</c>, then fetches the antiforgery token for them.</summary>
    public static async Task<Visitor> SignInAsync(HttpClient http, string user, CancellationToken cancellationToken)
    {
        using var signIn = await http.PostAsync($"/test/signin?user={Uri.EscapeDataString(user)}", null, cancellationToken);
        signIn.EnsureSuccessStatusCode();
        var authentication = SingleCookie(signIn.Headers, AuthenticationCookieName);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/antiforgery");
        request.Headers.Add("Cookie", authentication.ToString());
        using var tokens = await http.SendAsync(request, cancellationToken);
        tokens.EnsureSuccessStatusCode();
        var antiforgery = SingleCookie(tokens.Headers, ".AspNetCore.Antiforgery.");
        var requestToken = await tokens.Content.ReadAsStringAsync(cancellationToken);
        return new Visitor(user, authentication, antiforgery, requestToken);
    }

    /// <summary>The one cookie whose name starts with <paramref name="namePrefix"/> (a chunked cookie would break the cases' arithmetic).</summary>
    private static Cookie SingleCookie(HttpResponseHeaders headers, string namePrefix)
    {
        var cookies = headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(Cookie.Parse).Where(cookie => cookie.Name.StartsWith(namePrefix, StringComparison.Ordinal)).ToList()
            : [];
        return Assert.Single(cookies);
    }
}

/// <summary>A cookie as a browser sends it back: <c>name=value</c>.</summary>
internal sealed record Cookie(string Name, string Value)
{
    public static Cookie Parse(string setCookie)
    {
        var pair = setCookie.Split(';', 2)[0];
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return new Cookie(pair[..equals].Trim(), pair[(equals + 1)..].Trim());
    }

    public Cookie WithValue(string value) => this with { Value = value };

    public override string ToString() => $"{Name}={Value}";
}
