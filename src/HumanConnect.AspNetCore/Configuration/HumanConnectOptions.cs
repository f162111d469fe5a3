using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Settings of Human Connect: the app's credentials, Human API's addresses, and defaults for the Connect button.
/// Bound from the <c>HumanConnect</c> configuration section and validated when the host starts.
/// </summary>
public sealed class HumanConnectOptions
{
    /// <summary>The app's client id from Human API's developer portal. Public: it is rendered into pages.</summary>
    public string ClientId { get; set; } = string.Empty;

    /// <summary>
    /// The app's client secret. It is only ever sent from the server to Human API's token endpoints; keep it in
    /// user-secrets, environment variables or a vault, never in a committed file.
    /// </summary>
    public string ClientSecret { get; set; } = string.Empty;

    /// <summary>
    /// Which Human Connect flow the endpoints, the button and the data client use: <see cref="HumanConnectVersion.Legacy"/>
    /// (the default: <c>connect.js</c> and a server exchange after Connect) or <see cref="HumanConnectVersion.V2"/>
    /// (a server-minted token before Connect, <c>humanapi-connect-client</c>, and short-lived access tokens).
    /// Host code does not change between them.
    /// </summary>
    public HumanConnectVersion ConnectVersion { get; set; } = HumanConnectVersion.Legacy;

    /// <summary>Connect v2's token endpoint (<c>POST</c>, JSON; the client secret is sent to it).</summary>
    public Uri ConnectTokenEndpoint { get; set; } = HumanConnectDefaults.ConnectTokenEndpoint;

    /// <summary>
    /// Connect v2's browser client. An absolute URL, or an app-relative one starting with <c>/</c> when this app
    /// serves it (the sandbox does).
    /// </summary>
    public string ConnectClientScriptUrl { get; set; } = HumanConnectDefaults.ConnectClientScriptUrl;

    /// <summary>
    /// Where Connect v2's hosted page lives, rendered as <c>data-hapi-base-url</c>. <see langword="null"/> (the
    /// default) lets the client use Human API's own host. It may be app-relative.
    /// </summary>
    public string? ConnectClientBaseUrl { get; set; }

    /// <summary>Human API's session-token exchange endpoint (<c>POST</c>, JSON).</summary>
    public Uri TokensEndpoint { get; set; } = HumanConnectDefaults.TokensEndpoint;

    /// <summary>Human API's publicToken endpoint (<c>POST</c>, JSON).</summary>
    public Uri PublicTokensEndpoint { get; set; } = HumanConnectDefaults.PublicTokensEndpoint;

    /// <summary>
    /// The base of Human API's data API for one user (<c>.../v1/human/</c>); the data client appends Human API's own
    /// paths (<c>profile</c>, <c>activities/summaries</c>, ...). Must end with <c>/</c>.
    /// </summary>
    public Uri DataApiBaseUrl { get; set; } = HumanConnectDefaults.DataApiBaseUrl;

    /// <summary>
    /// The base of Human API's Application API (<c>.../v1/apps/</c>); a disconnect deletes the user at
    /// <c>{ClientId}/users/{humanId}</c> under it. Must end with <c>/</c>.
    /// </summary>
    public Uri ApplicationApiBaseUrl { get; set; } = HumanConnectDefaults.ApplicationApiBaseUrl;

    /// <summary>
    /// The largest answer of the data API the client reads: one page, parsed as it streams in, is all it holds. A
    /// larger answer is <see cref="HumanDataFailure.InvalidResponse"/>; ask for smaller pages (<see cref="HumanDataQuery.Limit"/>).
    /// </summary>
    public int MaxDataResponseBytes { get; set; } = HumanConnectDefaults.MaxDataResponseBytes;

    /// <summary>
    /// How many times in all the data client sends a GET that meets a 429, a 5xx, a timeout or a broken connection:
    /// 3 by default, 1 to never try again. Each attempt is bounded by <see cref="UpstreamTimeout"/>.
    /// </summary>
    public int DataApiMaxAttempts { get; set; } = HumanConnectDefaults.DataApiMaxAttempts;

    /// <summary>
    /// The longest pause between two attempts of a data call, and the longest <c>Retry-After</c> honoured: when Human
    /// API asks for a longer wait, the call answers <see cref="HumanDataFailure.RateLimited"/> at once, with
    /// <see cref="HumanDataResult{T}.RetryAfter"/> set.
    /// </summary>
    public TimeSpan DataApiMaxRetryDelay { get; set; } = HumanConnectDefaults.DataApiMaxRetryDelay;

    /// <summary>
    /// The app's App Key from Human API's developer portal: a credential separate from the client secret, sent only
    /// from the server to the Application API (HTTP Basic user name, empty password). Optional: without it a
    /// disconnect removes the local record only, and Human API still knows the user. Keep it where the client
    /// secret is kept; it is never logged, rendered or echoed.
    /// </summary>
    public string? AppKey { get; set; }

    /// <summary>
    /// The Connect script that defines <c>HumanConnect</c>. An absolute URL, or an app-relative one starting
    /// with <c>/</c> (resolved against the request's path base) when the script is served by this app.
    /// </summary>
    public string ConnectScriptUrl { get; set; } = HumanConnectDefaults.ConnectScriptUrl;

    /// <summary>The image the Connect button shows when it has no content of its own (absolute or app-relative).</summary>
    public string ButtonImageUrl { get; set; } = HumanConnectDefaults.ButtonImageUrl;

    /// <summary>
    /// Where Connect's hosted page lives, passed to the Connect script as its <c>_baseURL</c> option.
    /// <see langword="null"/> (the default) lets the script use Human API's own host. Like
    /// <see cref="ConnectScriptUrl"/>, it may be app-relative.
    /// </summary>
    public string? ConnectBaseUrl { get; set; }

    /// <summary>How long one call to Human API may take before the endpoints answer <c>504</c>.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = HumanConnectDefaults.UpstreamTimeout;

    /// <summary>The largest answer read from Human API; a larger one is treated as invalid.</summary>
    public int MaxUpstreamResponseBytes { get; set; } = HumanConnectDefaults.MaxUpstreamResponseBytes;

    /// <summary>
    /// Lets a Production host keep users' tokens in the in-memory cache. Off by default: in Production, start-up
    /// fails when the default token store would sit on the memory cache <c>AddHumanConnect</c> falls back to,
    /// because every restart, and every other instance behind a load balancer, would lose the tokens, and a user who
    /// connected would be shown create mode (which Human API refuses with "User Already Exists"). Register a shared
    /// <c>IDistributedCache</c> (Redis, SQL Server) or your own <see cref="IHumanTokenStore"/> instead; set this to
    /// <see langword="true"/> (<c>HumanConnect:AllowInMemoryTokenStore</c>) only for a single instance that may lose
    /// them. Other environments never check.
    /// </summary>
    public bool AllowInMemoryTokenStore { get; set; }

    /// <summary>The claim that holds the local user id when the default user resolver is used.</summary>
    public string UserIdClaimType { get; set; } = ClaimTypes.NameIdentifier;

    /// <summary>The Connect UI language passed as the <c>language</c> option (for example <c>en</c>); none when empty.</summary>
    public string? Language { get; set; }

    /// <summary>The Connect UI mode passed as the <c>mode</c> option (for example <c>wellness</c>); none when empty.</summary>
    public string? Mode { get; set; }

    /// <summary>Whether Connect renders as an in-page modal (the <c>modal</c> option, sent as <c>1</c>).</summary>
    public bool? Modal { get; set; }

    /// <summary>
    /// Further Connect options passed to <c>HumanConnect.open</c> untouched, for options this library does not
    /// know. Values are strings; the button's own attributes override them.
    /// </summary>
    public IDictionary<string, string> ExtraOptions { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Where the browser goes after a successful connect. <see langword="null"/> reloads the current page, as
    /// Human API requires, so the button reopens in edit mode.
    /// </summary>
    public string? FinishRedirectUrl { get; set; }

    /// <summary>
    /// Returns the Content-Security-Policy nonce of the current request, which the script tags then carry.
    /// <see langword="null"/> or a <see langword="null"/> result emits no nonce. It must produce a fresh value per
    /// request: a fixed nonce defeats the policy.
    /// </summary>
    public Func<HttpContext, string?>? NonceProvider { get; set; }

    /// <summary>
    /// The host's handlers for the points of a user's connection (tokens issued, connected, disconnected, failure).
    /// Each does nothing by default. Set in code; ignored when <see cref="EventsType"/> is set.
    /// </summary>
    public HumanConnectEvents Events { get; set; } = new();

    /// <summary>
    /// A type derived from <see cref="HumanConnectEvents"/>, resolved from the request's services for every event
    /// instead of <see cref="Events"/>, so it can take dependencies. Register it yourself (for example
    /// <c>services.AddScoped&lt;MyEvents&gt;()</c>); start-up fails if it is not registered.
    /// </summary>
    public Type? EventsType { get; set; }
}
