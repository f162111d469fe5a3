namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>One user of the sandbox app. Mutated only through <see cref="SandboxUsers"/>, under <see cref="SandboxState"/>'s lock.</summary>
internal sealed class SandboxHuman(string humanId, string clientId, string clientUserId, string accessToken, DateTimeOffset createdAt)
{
    public string HumanId { get; } = humanId;

    public string ClientId { get; } = clientId;

    public string ClientUserId { get; } = clientUserId;

    public string AccessToken { get; } = accessToken;

    public string PublicToken { get; set; } = string.Empty;

    public HashSet<string> Sources { get; } = new(StringComparer.Ordinal);

    /// <summary>When the user was created: the Application API's <c>createdAt</c>.</summary>
    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>When the user's connected sources last changed: the Application API's <c>updatedAt</c>.</summary>
    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
}
