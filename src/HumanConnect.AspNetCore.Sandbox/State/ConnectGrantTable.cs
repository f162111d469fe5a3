using System.Diagnostics.CodeAnalysis;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Connect v2 tokens of one kind, by token, with at most <see cref="PerHumanLimit"/> kept per user: minting one more
/// forgets that user's oldest. Minting needs the client secret, so the bound is per user rather than a global cap
/// that one busy caller could exhaust for everyone. Not safe for concurrent use on its own: <see cref="SandboxState"/>
/// calls it under its lock.
/// </summary>
internal sealed class ConnectGrantTable<TGrant>
    where TGrant : class, IConnectGrant
{
    /// <summary>How many tokens of this kind one user keeps; a host that caches its tokens needs one or two.</summary>
    public const int PerHumanLimit = 16;

    private readonly Dictionary<string, TGrant> _byToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _byHuman = new(StringComparer.Ordinal);

    public int Count => _byToken.Count;

    public void Add(string token, TGrant grant)
    {
        if (!_byHuman.TryGetValue(grant.HumanId, out var tokens))
        {
            _byHuman[grant.HumanId] = tokens = [];
        }

        if (tokens.Count >= PerHumanLimit)
        {
            _byToken.Remove(tokens[0]);
            tokens.RemoveAt(0);
        }

        tokens.Add(token);
        _byToken[token] = grant;
    }

    /// <summary>The grant, expired or not: the caller decides what an expired one means.</summary>
    public bool TryGet(string token, [NotNullWhen(true)] out TGrant? grant) => _byToken.TryGetValue(token, out grant);

    /// <summary>Forgets every token of the user (deleted at the Application API).</summary>
    public void RemoveForHuman(string humanId)
    {
        if (_byHuman.Remove(humanId, out var tokens))
        {
            foreach (var token in tokens)
            {
                _byToken.Remove(token);
            }
        }
    }

    /// <summary>Forgets the tokens that expired before <paramref name="cutoff"/>. O(n): the caller runs it seldom.</summary>
    public void RemoveExpiredBefore(DateTimeOffset cutoff)
    {
        foreach (var (token, grant) in _byToken)
        {
            if (grant.ExpiresAt <= cutoff)
            {
                _byToken.Remove(token);
                var tokens = _byHuman[grant.HumanId];
                tokens.Remove(token);
                if (tokens.Count == 0)
                {
                    _byHuman.Remove(grant.HumanId);
                }
            }
        }
    }
}
