namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>
/// The sandbox's well-known defaults. Its credentials are published on purpose: they only ever open the in-process
/// sandbox, never Human API. The sandbox still treats the secret like a real one (it never logs or echoes it), so
/// code tested against it keeps the same habits.
/// </summary>
public static class HumanApiSandboxDefaults
{
    /// <summary>The route prefix the sandbox is mapped under by default: <c>/sandbox</c>.</summary>
    public const string Prefix = "/sandbox";

    /// <summary>The sandbox app's client id (40 hex characters, like Human API's).</summary>
    public const string ClientId = "85a8c1af233b29386954fb452f26033c3608c9bd";

    /// <summary>The sandbox app's client secret (40 hex characters). Not a secret anywhere but in the sandbox.</summary>
    public const string ClientSecret = "a222093922b32027714b0cc5efd6bf666543bd72";

    /// <summary>The sandbox's published App Key, for its Application API (public: a sandbox has no secrets).</summary>
    public const string AppKey = "7d3c9a41e0b25f86c14a9e73d2b0f5a618c4e9d2";

    /// <summary>How long a session token from "Done" (or the sessions shortcut) may be exchanged: 10 minutes.</summary>
    public static readonly TimeSpan SessionTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>How long an open Connect session can be resumed (the page's <c>sessionToken</c> parameter): 30 minutes.</summary>
    public static readonly TimeSpan ConnectSessionLifetime = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How long a Connect v2 <c>session_token</c> or <c>id_token</c> opens the hosted v2 page: 1 hour (its
    /// <c>expires_in</c> and <c>id_token_expires_in</c>). It may open the page any number of times until then.
    /// </summary>
    public static readonly TimeSpan ConnectTokenLifetime = TimeSpan.FromHours(1);

    /// <summary>How long a Connect v2 <c>access_token</c> reads the data API: 24 hours (<c>expires_in: 86400</c>, as Human API's).</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// The demo source whose data API records are medical (medications, allergies, encounters, a medical profile):
    /// "Starfleet Medical". Every other connected demo source yields wellness data (activities, sleeps, heart rate,
    /// blood pressure, weight).
    /// </summary>
    public const string MedicalDemoSource = "Starfleet Medical";

    /// <summary>The demo data sources the Connect page lists: "Starfleet Pharmacy" and "Starfleet Medical".</summary>
    public static IReadOnlyList<string> DemoSources { get; } = ["Starfleet Pharmacy", "Starfleet Medical"];
}
