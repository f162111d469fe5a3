namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>One user of the sandbox app. Mutated only through <see cref="SandboxUsers"/>, under <see cref="SandboxState"/>'s lock.</summary>
internal sealed class SandboxHuman(string humanId, string clientId, string clientUserId, string accessToken)
{
    public string HumanId { get; } = humanId;

    public string ClientId { get; } = clientId;

    public string ClientUserId { get; } = clientUserId;

    public string AccessToken { get; } = accessToken;

    public string PublicToken { get; set; } = string.Empty;

    public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);
}
