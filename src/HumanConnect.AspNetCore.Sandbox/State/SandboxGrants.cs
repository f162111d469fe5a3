using HumanConnect.AspNetCore.Sandbox.Serialization;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// The session tokens issued to <c>finish</c> and not yet exchanged. Each is spent by its first presentation.
/// Not safe for concurrent use on its own: <see cref="SandboxState"/> calls it under its lock.
/// </summary>
internal sealed class SandboxGrants(HumanApiSandboxOptions options)
{
    private readonly Dictionary<string, ExchangeGrant> _grants = new(StringComparer.Ordinal);

    /// <summary>Issues a session token exchangeable for <see cref="HumanApiSandboxOptions.SessionTokenLifetime"/>.</summary>
    public SessionTokenObject Mint(string humanId, string clientId, DateTimeOffset now)
    {
        var token = SandboxTokens.NewToken();
        _grants[token] = new ExchangeGrant(humanId, clientId, now + options.SessionTokenLifetime);
        return new SessionTokenObject(humanId, clientId, token);
    }

    /// <summary>
    /// Spends <paramref name="sessionToken"/> whether or not it matches, so it can never be replayed; answers whether
    /// it was live and issued for this humanId and clientId.
    /// </summary>
    public bool TrySpend(string sessionToken, string humanId, string clientId, DateTimeOffset now) =>
        _grants.Remove(sessionToken, out var grant)
        && grant.ExpiresAt > now
        && grant.HumanId == humanId
        && grant.ClientId == clientId;

    /// <summary>Forgets the expired session tokens. O(n): see <see cref="SandboxState"/> for how seldom it runs.</summary>
    public void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (token, grant) in _grants)
        {
            if (grant.ExpiresAt <= now)
            {
                _grants.Remove(token);
            }
        }
    }
}
