using System.Net;
using HumanConnect.AspNetCore.Internal;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Configuration;

/// <summary>
/// Checks <see cref="HumanConnectOptions"/> at start-up and reports every problem at once, each naming the
/// setting to fix, so a misconfigured host fails before it serves a single request.
/// </summary>
internal sealed class HumanConnectOptionsValidator : IValidateOptions<HumanConnectOptions>
{
    private const string Section = HumanConnectDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, HumanConnectOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:{nameof(options.ClientId)} is required: copy it from Human API's developer portal.");
        }
        else if (!IsPrintable(options.ClientId))
        {
            failures.Add($"{Section}:{nameof(options.ClientId)} contains spaces or control characters.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Section}:{nameof(options.ClientSecret)} is required: keep it in user-secrets or an environment variable.");
        }

        RequireServerUrl(failures, nameof(options.TokensEndpoint), options.TokensEndpoint);
        RequireServerUrl(failures, nameof(options.PublicTokensEndpoint), options.PublicTokensEndpoint);
        RequireBaseUrl(failures, nameof(options.DataApiBaseUrl), options.DataApiBaseUrl);
        if (!Enum.IsDefined(options.ConnectVersion))
        {
            failures.Add($"{Section}:{nameof(options.ConnectVersion)} must be Legacy or V2.");
        }

        RequireServerUrl(failures, nameof(options.ConnectTokenEndpoint), options.ConnectTokenEndpoint);
        RequireBrowserUrl(failures, nameof(options.ConnectClientScriptUrl), options.ConnectClientScriptUrl);
        if (!string.IsNullOrEmpty(options.ConnectClientBaseUrl))
        {
            RequireBrowserUrl(failures, nameof(options.ConnectClientBaseUrl), options.ConnectClientBaseUrl);
        }

        RequireBaseUrl(failures, nameof(options.ApplicationApiBaseUrl), options.ApplicationApiBaseUrl);
        if (options.AppKey is not null && (options.AppKey.Length == 0 || !IsPrintable(options.AppKey)))
        {
            failures.Add($"{Section}:{nameof(options.AppKey)} must be the App Key from Human API's developer portal, without spaces, or not set at all.");
        }

        RequireBrowserUrl(failures, nameof(options.ConnectScriptUrl), options.ConnectScriptUrl);
        RequireBrowserUrl(failures, nameof(options.ButtonImageUrl), options.ButtonImageUrl);
        if (!string.IsNullOrEmpty(options.ConnectBaseUrl))
        {
            RequireBrowserUrl(failures, nameof(options.ConnectBaseUrl), options.ConnectBaseUrl);
        }

        if (options.UpstreamTimeout <= TimeSpan.Zero || options.UpstreamTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:{nameof(options.UpstreamTimeout)} must be more than zero and at most 5 minutes.");
        }

        if (options.MaxUpstreamResponseBytes is < 1024 or > 16 * 1024 * 1024)
        {
            failures.Add($"{Section}:{nameof(options.MaxUpstreamResponseBytes)} must be between 1024 and 16777216.");
        }

        if (options.MaxDataResponseBytes is < 1024 or > 256 * 1024 * 1024)
        {
            failures.Add($"{Section}:{nameof(options.MaxDataResponseBytes)} must be between 1024 and 268435456.");
        }

        if (options.DataApiMaxAttempts is < 1 or > 10)
        {
            failures.Add($"{Section}:{nameof(options.DataApiMaxAttempts)} must be from 1 (no retry) to 10.");
        }

        if (options.DataApiMaxRetryDelay < TimeSpan.Zero || options.DataApiMaxRetryDelay > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Section}:{nameof(options.DataApiMaxRetryDelay)} must be from zero to 1 minute.");
        }

        if (string.IsNullOrWhiteSpace(options.UserIdClaimType))
        {
            failures.Add($"{Section}:{nameof(options.UserIdClaimType)} must name the claim that holds the user id.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The secret travels to these URLs, so they must be absolute and use HTTPS; plain HTTP is allowed only to a
    /// loopback host, where the sandbox and tests live.
    /// </summary>
    private static void RequireServerUrl(List<string> failures, string setting, Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:{setting} must be an absolute https URL.");
        }
        else if (url.Scheme == Uri.UriSchemeHttp && !IsLoopback(url))
        {
            failures.Add($"{Section}:{setting} must use https: the client secret is sent to it (plain http is allowed for loopback hosts only).");
        }
        else if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.UserInfo))
        {
            failures.Add($"{Section}:{setting} must not carry a query string or user info.");
        }
    }

    /// <summary>A base the clients append Human API's relative paths to: a server URL whose path ends with <c>/</c>.</summary>
    private static void RequireBaseUrl(List<string> failures, string setting, Uri? url)
    {
        var before = failures.Count;
        RequireServerUrl(failures, setting, url);
        if (failures.Count == before && !url!.AbsolutePath.EndsWith('/'))
        {
            failures.Add($"{Section}:{setting} must end with '/': Human API's paths are appended to it.");
        }
    }

    /// <summary>URLs the browser loads: absolute http(s), or app-relative (<c>/path</c>, never <c>//host</c>).</summary>
    private static void RequireBrowserUrl(List<string> failures, string setting, string? url)
    {
        var valid = !string.IsNullOrWhiteSpace(url) && (url.StartsWith('/')
            ? AppRelativeUrl.Is(url)
            : Uri.TryCreate(url, UriKind.Absolute, out var absolute)
              && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp));
        if (!valid)
        {
            failures.Add($"{Section}:{setting} must be an http(s) URL or an app-relative path starting with '/'.");
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    private static bool IsPrintable(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }
}
