using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>
/// The sample host as a browser sees it: the demo sign-in, the page with the Connect button, and the two Connect
/// endpoints <c>human-connect.js</c> calls. Cookies are kept per user, by hand, so that one connection pool serves
/// every user.
/// </summary>
internal sealed partial class SampleSite(HttpClient http, Uri root)
{
    public Uri Root { get; } = root;

    /// <summary>Signs <paramref name="user"/> in through the sample's form, then reads the page's Connect options.</summary>
    public async Task SignInAsync(SampleUser user)
    {
        using (var form = await SendAsync(user, HttpMethod.Get, "signin"))
        {
            var html = await form.Content.ReadAsStringAsync();
            var token = FormToken().Match(html);
            if (form.StatusCode != HttpStatusCode.OK || !token.Success)
            {
                throw new InvalidOperationException($"GET /signin answered {(int)form.StatusCode} without a form token.");
            }

            using var post = await SendAsync(user, HttpMethod.Post, "signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["UserName"] = user.Name,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }));
            if (post.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"POST /signin answered {(int)post.StatusCode}, not a redirect.");
            }
        }

        var page = await ReadPageAsync(user);
        user.ClientUserId = page.ClientUserId;
        user.AntiforgeryToken = page.AntiforgeryToken;
        user.AntiforgeryHeader = page.AntiforgeryHeader;
    }

    /// <summary>What the user's page renders: the button's mode and options.</summary>
    public async Task<RenderedButton> ReadPageAsync(SampleUser user)
    {
        using var answer = await SendAsync(user, HttpMethod.Get, "");
        var html = await answer.Content.ReadAsStringAsync();
        var attribute = ButtonOptions().Match(html);
        if (answer.StatusCode != HttpStatusCode.OK || !attribute.Success)
        {
            throw new InvalidOperationException($"GET / answered {(int)answer.StatusCode} without a Connect button.");
        }

        using var json = JsonDocument.Parse(WebUtility.HtmlDecode(attribute.Groups[1].Value));
        var options = json.RootElement;
        var antiforgery = options.GetProperty("antiforgery");
        return new RenderedButton(
            options.GetProperty("clientUserId").GetString()!,
            options.TryGetProperty("publicToken", out var publicToken) ? publicToken.GetString() : null,
            antiforgery.GetProperty("token").GetString()!,
            antiforgery.TryGetProperty("headerName", out var header) ? header.GetString()! : "RequestVerificationToken");
    }

    /// <summary>The page with the button, as a measured request: the answer is read whole and dropped.</summary>
    public async Task<bool> GetPageAsync(SampleUser user)
    {
        using var answer = await SendAsync(user, HttpMethod.Get, "");
        await answer.Content.CopyToAsync(Stream.Null);
        return answer.StatusCode == HttpStatusCode.OK;
    }

    /// <summary><c>POST /connect/finish</c> with a sessionTokenObject; the publicToken stored, or null on a failure.</summary>
    public Task<string?> FinishAsync(SampleUser user, string sessionTokenObject) =>
        PostConnectAsync(user, "connect/finish", new StringContent(sessionTokenObject, Encoding.UTF8, "application/json"));

    /// <summary><c>POST /connect/public-token</c>; the publicToken stored, or null on a failure.</summary>
    public Task<string?> RefreshAsync(SampleUser user) =>
        PostConnectAsync(user, "connect/public-token", new StringContent("", Encoding.UTF8, "application/json"));

    private async Task<string?> PostConnectAsync(SampleUser user, string path, HttpContent body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Root, path)) { Content = body };
        request.Headers.Add(user.AntiforgeryHeader, user.AntiforgeryToken);
        using var answer = await SendAsync(user, request);
        var bytes = await answer.Content.ReadAsByteArrayAsync();
        if (answer.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        using var json = JsonDocument.Parse(bytes);
        return json.RootElement.GetProperty("publicToken").GetString();
    }

    private Task<HttpResponseMessage> SendAsync(SampleUser user, HttpMethod method, string path, HttpContent? body = null) =>
        SendAsync(user, new HttpRequestMessage(method, new Uri(Root, path)) { Content = body });

    private async Task<HttpResponseMessage> SendAsync(SampleUser user, HttpRequestMessage request)
    {
        if (user.Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", user.CookieHeader);
        }

        var answer = await http.SendAsync(request);
        Remember(user, answer.Headers);
        return answer;
    }

    // Cookies are per user and set only by sign-in and the antiforgery system; concurrent requests of one user set
    // the same values, so the last writer wins harmlessly.
    private static void Remember(SampleUser user, HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }

        lock (user.Cookies)
        {
            foreach (var cookie in cookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    user.Cookies[pair[..equals]] = pair[(equals + 1)..];
                }
            }
        }
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)""")]
    private static partial Regex FormToken();

    [GeneratedRegex("""data-human-connect="([^"]+)""")]
    private static partial Regex ButtonOptions();
}

/// <summary>The Connect button's options as a page rendered them.</summary>
internal sealed record RenderedButton(string ClientUserId, string? PublicToken, string AntiforgeryToken, string AntiforgeryHeader);
