namespace HumanConnect.AspNetCore;

/// <summary>The default values of <see cref="HumanConnectOptions"/>, and the configuration section they are usually bound from.</summary>
public static class HumanConnectDefaults
{
    /// <summary>The configuration section <c>AddHumanConnect(IConfiguration)</c> is usually given: <c>HumanConnect</c>.</summary>
    public const string ConfigurationSection = "HumanConnect";

    /// <summary>Human API's session-token exchange endpoint.</summary>
    public static readonly Uri TokensEndpoint = new("https://user.humanapi.co/v1/connect/tokens");

    /// <summary>Human API's endpoint that issues a fresh publicToken for a known humanId.</summary>
    public static readonly Uri PublicTokensEndpoint = new("https://user.humanapi.co/v1/connect/publictokens");

    /// <summary>Human API's data API for one user (read with the user's accessToken as a Bearer token).</summary>
    public static readonly Uri DataApiBaseUrl = new("https://api.humanapi.co/v1/human/");

    /// <summary>
    /// Human API's Application API, under which each app's users live at <c>{clientId}/users</c> (HTTP Basic with
    /// the App Key).
    /// </summary>
    public static readonly Uri ApplicationApiBaseUrl = new("https://api.humanapi.co/v1/apps/");

    /// <summary>Connect v2's token endpoint, which mints <c>session</c>, <c>id</c> and <c>access</c> tokens.</summary>
    public static readonly Uri ConnectTokenEndpoint = new("https://auth.humanapi.co/v1/connect/token");

    /// <summary>Connect v2's browser client (<c>humanapi-connect-client</c>), pinned to the version the library is tested with.</summary>
    public const string ConnectClientScriptUrl = "https://cdn.humanapi.co/humanapi-connect-client@2.4.1.js";

    /// <summary>
    /// Where Connect v2's client opens its hosted page when <see cref="HumanConnectOptions.ConnectClientBaseUrl"/> is not
    /// set (the client's own default): the origin a v2 host's CSP allows in <c>frame-src</c> and <c>img-src</c>.
    /// </summary>
    public const string ConnectClientBaseUrl = "https://hapi-connect.humanapi.co";

    /// <summary>Human API's legacy Connect script, which defines the global <c>HumanConnect</c> object.</summary>
    public const string ConnectScriptUrl = "https://connect.humanapi.co/connect.js";

    /// <summary>Human API's "Connect Health Data" button image.</summary>
    public const string ButtonImageUrl = "https://connect.humanapi.co/assets/button/blue.png";

    /// <summary>How long a call to Human API may take before it is abandoned: 10 seconds.</summary>
    public static readonly TimeSpan UpstreamTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The largest Human API answer the client reads: 64 KiB, far above any legitimate answer.</summary>
    public const int MaxUpstreamResponseBytes = 64 * 1024;

    /// <summary>The largest data API answer the client reads: 4 MiB, a page of 500 records with their source data.</summary>
    public const int MaxDataResponseBytes = 4 * 1024 * 1024;

    /// <summary>How many times in all a failing data API GET is sent: 3.</summary>
    public const int DataApiMaxAttempts = 3;

    /// <summary>The longest pause between two attempts of a data call, and the longest <c>Retry-After</c> honoured: 5 seconds.</summary>
    public static readonly TimeSpan DataApiMaxRetryDelay = TimeSpan.FromSeconds(5);
}
