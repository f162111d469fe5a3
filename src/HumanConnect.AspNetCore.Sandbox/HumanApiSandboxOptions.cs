namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>
/// Settings of the Human API sandbox: the one app it knows, how long its tokens live, and the sources it offers.
/// Validated when the host starts. Time is read from the <see cref="TimeProvider"/> in the container
/// (<see cref="TimeProvider.System"/> unless the host registers another, such as a fake one in tests).
/// </summary>
public sealed class HumanApiSandboxOptions
{
    /// <summary>The client id the sandbox accepts. Defaults to <see cref="HumanApiSandboxDefaults.ClientId"/>.</summary>
    public string ClientId { get; set; } = HumanApiSandboxDefaults.ClientId;

    /// <summary>
    /// The client secret the sandbox accepts on <c>tokens</c>, <c>publictokens</c> and <c>sessions</c>. Defaults to
    /// <see cref="HumanApiSandboxDefaults.ClientSecret"/>. Never logged, never echoed.
    /// </summary>
    public string ClientSecret { get; set; } = HumanApiSandboxDefaults.ClientSecret;

    /// <summary>
    /// The App Key the sandbox's Application API accepts (HTTP Basic user name, empty password). Defaults to
    /// <see cref="HumanApiSandboxDefaults.AppKey"/>. Never logged, never echoed.
    /// </summary>
    public string AppKey { get; set; } = HumanApiSandboxDefaults.AppKey;

    /// <summary>How long a session token handed to <c>finish</c> stays exchangeable. It is single-use regardless.</summary>
    public TimeSpan SessionTokenLifetime { get; set; } = HumanApiSandboxDefaults.SessionTokenLifetime;

    /// <summary>How long the Connect page can resume a session it opened (after a reload, say) before starting afresh.</summary>
    public TimeSpan ConnectSessionLifetime { get; set; } = HumanApiSandboxDefaults.ConnectSessionLifetime;

    /// <summary>
    /// A JSON file where the sandbox keeps its users, so that the tokens a host stored stay valid across restarts.
    /// <see langword="null"/> (the default) keeps everything in memory. A relative path is resolved against the
    /// host's content root (<c>IHostEnvironment.ContentRootPath</c>), not the current directory. Sessions are never
    /// written. The file holds sandbox access tokens, which open nothing outside the sandbox.
    /// </summary>
    /// <remarks>
    /// The file is rewritten whole (through a temporary file moved into place) after each change to a user. A write
    /// that fails is logged as a warning and the sandbox carries on from memory; the next change writes it again. A
    /// file the sandbox cannot read stops start-up with an <see cref="InvalidOperationException"/> naming it: delete
    /// it to start empty.
    /// </remarks>
    public string? StateFilePath { get; set; }

    /// <summary>
    /// Lets <c>app.MapHumanApiSandbox()</c> map the sandbox in a Production environment. Off by default: in
    /// Production, mapping it throws, because its credentials are public and anyone could mint session tokens and
    /// tokens through it. Turn it on only for a demo or a load test that must run a Production build against the
    /// sandbox, never for an app that holds real users; the warning <c>SandboxMappedInProduction</c> (1001) is still
    /// logged. Other environments never check.
    /// </summary>
    public bool AllowInProduction { get; set; }

    /// <summary>
    /// The data sources the Connect page lists, in order. Names are shown as-is and must be unique; the default is
    /// <see cref="HumanApiSandboxDefaults.DemoSources"/>. Set it in code: configuration binding appends to lists.
    /// </summary>
    public IList<string> DemoSources { get; } = [.. HumanApiSandboxDefaults.DemoSources];
}
