namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// A session of the hosted Connect page: the <c>sessionToken</c> of <c>hapi-connect-open</c>, resumable after a
/// reload. In create mode its humanId is reserved up front and the user is created on the first connect.
/// Mutated only under <see cref="SandboxState"/>'s lock.
/// </summary>
internal sealed class ConnectSession(string token, string clientId, string clientUserId, string humanId, bool editMode)
{
    public string Token { get; } = token;

    public string ClientId { get; } = clientId;

    public string ClientUserId { get; } = clientUserId;

    public string HumanId { get; } = humanId;

    public bool EditMode { get; } = editMode;

    public bool Changed { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
