using System.Diagnostics.CodeAnalysis;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// The hosted Connect page's open sessions, bounded in number. Not safe for concurrent use on its own:
/// <see cref="SandboxState"/> calls it under its lock.
/// </summary>
internal sealed class SandboxSessions(HumanApiSandboxOptions options)
{
    /// <summary>
    /// The most open Connect sessions kept in memory. Opening the page needs no secret, so without a cap any page
    /// (or script) could grow the sandbox without bound; expired sessions are evicted first.
    /// </summary>
    public const int MaxOpenSessions = 10_000;

    private readonly Dictionary<string, ConnectSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Whether <see cref="MaxOpenSessions"/> sessions are held, expired ones included until they are swept.</summary>
    public bool IsFull => _sessions.Count >= MaxOpenSessions;

    /// <summary>A new open session, or <see langword="null"/> when the sandbox is full (the caller swept the expired).</summary>
    public ConnectSession? Open(string clientId, string clientUserId, string humanId, bool editMode)
    {
        if (IsFull)
        {
            return null;
        }

        var session = new ConnectSession(SandboxTokens.NewToken(), clientId, clientUserId, humanId, editMode);
        _sessions[session.Token] = session;
        return session;
    }

    /// <summary>The session the token names, expired or not: the caller decides whether it may resume.</summary>
    public ConnectSession? Find(string token) => _sessions.GetValueOrDefault(token);

    /// <summary>The session the token names, unless it has expired.</summary>
    public bool TryGetLive(string token, DateTimeOffset now, [NotNullWhen(true)] out ConnectSession? session)
    {
        if (_sessions.TryGetValue(token, out session) && session.ExpiresAt > now)
        {
            return true;
        }

        session = null;
        return false;
    }

    /// <summary>Keeps the session open for another <see cref="HumanApiSandboxOptions.ConnectSessionLifetime"/> from now.</summary>
    public void Renew(ConnectSession session, DateTimeOffset now) => session.ExpiresAt = now + options.ConnectSessionLifetime;

    public void Close(ConnectSession session) => _sessions.Remove(session.Token);

    /// <summary>Ends every session of a deleted user, so none can bring them back. O(n), and as rare as a deletion.</summary>
    public void RemoveForHuman(string humanId)
    {
        foreach (var (token, session) in _sessions)
        {
            if (session.HumanId == humanId)
            {
                _sessions.Remove(token);
            }
        }
    }

    /// <summary>Forgets the expired sessions. O(n): see <see cref="SandboxState"/> for how seldom it runs.</summary>
    public void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (token, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.Remove(token);
            }
        }
    }
}
