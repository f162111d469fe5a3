namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// A copy of one user taken under the state's lock, for the data API and the Application API to read without it.
/// <see cref="Sources"/> are the connected demo sources in the order the sandbox lists them.
/// </summary>
internal sealed record SandboxUserView(
    string HumanId, string ClientId, string ClientUserId, IReadOnlyList<string> Sources, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"SandboxUserView {{ HumanId = {HumanId} }}";
}
