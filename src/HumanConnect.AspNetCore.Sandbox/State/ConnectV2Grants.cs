namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>Which Connect v2 token opens the hosted page: Human API's <c>session</c> or <c>id</c> type.</summary>
internal enum ConnectLaunchKind
{
    Session,
    Id,
}

/// <summary>A token the sandbox issued to one user: whose, and until when it works.</summary>
internal interface IConnectGrant
{
    string HumanId { get; }

    DateTimeOffset ExpiresAt { get; }
}

/// <summary>
/// A <c>session_token</c> or <c>id_token</c>: it opens the hosted v2 Connect page for its user until it expires, as
/// often as the page is opened. Mutated only under <see cref="SandboxState"/>'s lock.
/// </summary>
internal sealed class ConnectLaunchGrant(ConnectLaunchKind kind, string humanId, DateTimeOffset expiresAt) : IConnectGrant
{
    public ConnectLaunchKind Kind { get; } = kind;

    public string HumanId { get; } = humanId;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>
    /// The user's connected sources when the page first opened with this token; <c>sessionResults</c> is the change
    /// since. <see langword="null"/> until then.
    /// </summary>
    public IReadOnlySet<string>? SourcesAtStart { get; set; }
}

/// <summary>A Connect v2 <c>access_token</c>: it reads its user's data until it expires or the user is deleted.</summary>
internal sealed record ConnectAccessGrant(string HumanId, DateTimeOffset ExpiresAt) : IConnectGrant;
