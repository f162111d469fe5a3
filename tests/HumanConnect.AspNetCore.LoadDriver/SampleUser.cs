namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>One signed-in demo user of the sample host: its cookies and what its page told the browser.</summary>
internal sealed class SampleUser(string name)
{
    /// <summary>The name typed into the sample's sign-in, which becomes the local user id.</summary>
    public string Name { get; } = name;

    /// <summary>The cookies the sample set (authentication and antiforgery), by name.</summary>
    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    /// <summary>The id Connect knows this user by, read from the button's <c>data-human-connect</c>.</summary>
    public string ClientUserId { get; set; } = "";

    /// <summary>The antiforgery request token of this user's page, and the header that carries it.</summary>
    public string AntiforgeryToken { get; set; } = "";

    public string AntiforgeryHeader { get; set; } = "RequestVerificationToken";

    /// <summary>The cookies as one <c>Cookie</c> header.</summary>
    public string CookieHeader
    {
        get
        {
            lock (Cookies)
            {
                return string.Join("; ", Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}"));
            }
        }
    }
}
