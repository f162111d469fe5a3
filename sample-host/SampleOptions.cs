namespace HumanConnect.SampleHost;

/// <summary>How the sample runs: on the embedded sandbox (the default) or against the real Human API.</summary>
public sealed class SampleOptions
{
    /// <summary>
    /// Mount the Human API sandbox in this app and point Human Connect at it. Set to <see langword="false"/> (with
    /// HumanConnect:ClientId and HumanConnect:ClientSecret in user-secrets or environment variables) to use Human API.
    /// When <see langword="true"/>, the sandbox is also allowed in a Production environment
    /// (<c>HumanApiSandboxOptions.AllowInProduction</c>), so the published demo runs there too.
    /// </summary>
    public bool UseSandbox { get; set; } = true;

    /// <summary>
    /// Where the sample keeps its state (the SQLite database, the Data Protection keys and the sandbox's users), in a
    /// <c>sandbox</c> or <c>humanapi</c> subfolder by mode; relative paths are under the content root.
    /// </summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>
    /// A StackExchange.Redis configuration string (<c>127.0.0.1:6379</c>). When set, the sample runs as one of several
    /// instances: the library's default token store (instead of the SQLite one), the Data Protection keys and the
    /// coordinator live in that Redis, so any instance can serve any request.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Where the sandbox is mounted.</summary>
    public string SandboxPath { get; set; } = "/sandbox";
}
