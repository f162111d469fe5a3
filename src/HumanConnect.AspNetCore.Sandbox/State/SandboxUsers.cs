using System.Diagnostics.CodeAnalysis;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// The sandbox's users, indexed by (clientId, clientUserId), by humanId, by publicToken and by accessToken. Every
/// change to a user goes through here and bumps <see cref="Version"/>, so that a change can never be left out of the
/// state file. Not safe for concurrent use on its own: <see cref="SandboxState"/> calls it under its lock.
/// </summary>
internal sealed class SandboxUsers
{
    /// <summary>The longest clientUserId accepted: far more than any id a host derives, far less than a body.</summary>
    public const int MaxClientUserIdLength = 256;

    private readonly Dictionary<(string ClientId, string ClientUserId), SandboxHuman> _byUser = [];
    private readonly Dictionary<string, SandboxHuman> _byHumanId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxHuman> _byPublicToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxHuman> _byAccessToken = new(StringComparer.Ordinal);

    /// <summary>
    /// Indexes the users read from the state file; loading them is not a change. A record without times (from an
    /// earlier release) reads as created at <paramref name="loadedAt"/>.
    /// </summary>
    public SandboxUsers(IEnumerable<SandboxHumanRecord> records, DateTimeOffset loadedAt)
    {
        foreach (var record in records)
        {
            var human = new SandboxHuman(record.HumanId, record.ClientId, record.ClientUserId, record.AccessToken, record.CreatedAt ?? loadedAt)
            {
                PublicToken = record.PublicToken,
            };
            human.UpdatedAt = record.UpdatedAt ?? human.CreatedAt;
            human.Sources.UnionWith(record.Sources);
            Index(human);
        }
    }

    /// <summary>Grows with every change to a user; it orders the snapshots of the state file.</summary>
    public long Version { get; private set; }

    /// <summary>Every user, oldest first (then by humanId, so the order is total and stable for paging).</summary>
    public IEnumerable<SandboxHuman> All =>
        _byHumanId.Values.OrderBy(human => human.CreatedAt).ThenBy(human => human.HumanId, StringComparer.Ordinal);

    public bool TryGetByHumanId(string humanId, [NotNullWhen(true)] out SandboxHuman? human) =>
        _byHumanId.TryGetValue(humanId, out human);

    public bool TryGetByPublicToken(string publicToken, [NotNullWhen(true)] out SandboxHuman? human) =>
        _byPublicToken.TryGetValue(publicToken, out human);

    public bool TryGetByAccessToken(string accessToken, [NotNullWhen(true)] out SandboxHuman? human) =>
        _byAccessToken.TryGetValue(accessToken, out human);

    public bool TryGetByClientUserId(string clientId, string clientUserId, [NotNullWhen(true)] out SandboxHuman? human) =>
        _byUser.TryGetValue((clientId, clientUserId), out human);

    public bool Exists(string clientId, string clientUserId) => _byUser.ContainsKey((clientId, clientUserId));

    /// <summary>Creates a user with a fresh accessToken and publicToken and no sources.</summary>
    public SandboxHuman Create(string humanId, string clientId, string clientUserId, DateTimeOffset now)
    {
        var human = new SandboxHuman(humanId, clientId, clientUserId, SandboxTokens.NewAccessToken(), now) { PublicToken = SandboxTokens.NewToken() };
        Index(human);
        Version++;
        return human;
    }

    /// <summary>
    /// Forgets the user: their accessToken and publicToken find no one any more, and their clientUserId is free for a
    /// new user (Connect in create mode), as after the Application API's <c>DELETE</c>.
    /// </summary>
    public void Delete(SandboxHuman human)
    {
        _byUser.Remove((human.ClientId, human.ClientUserId));
        _byHumanId.Remove(human.HumanId);
        _byPublicToken.Remove(human.PublicToken);
        _byAccessToken.Remove(human.AccessToken);
        Version++;
    }

    /// <summary>Gives the user a fresh publicToken; the previous one no longer finds them.</summary>
    public void RotatePublicToken(SandboxHuman human)
    {
        _byPublicToken.Remove(human.PublicToken);
        human.PublicToken = SandboxTokens.NewToken();
        _byPublicToken[human.PublicToken] = human;
        Version++;
    }

    /// <summary>Connects or disconnects one source; <see langword="false"/> when it already was so.</summary>
    public bool SetSource(SandboxHuman human, string source, bool connected, DateTimeOffset now)
    {
        var changed = connected ? human.Sources.Add(source) : human.Sources.Remove(source);
        if (changed)
        {
            human.UpdatedAt = now;
            Version++;
        }

        return changed;
    }

    /// <summary>Makes <paramref name="sources"/> the user's connected sources.</summary>
    public void ReplaceSources(SandboxHuman human, IEnumerable<string> sources, DateTimeOffset now)
    {
        human.Sources.Clear();
        human.Sources.UnionWith(sources);
        human.UpdatedAt = now;
        Version++;
    }

    /// <summary>Every user, as the state file keeps them.</summary>
    public SandboxSnapshot Snapshot() => new([.. _byHumanId.Values.Select(human => new SandboxHumanRecord(
        human.HumanId, human.ClientId, human.ClientUserId, human.AccessToken, human.PublicToken, [.. human.Sources],
        human.CreatedAt, human.UpdatedAt))]);

    private void Index(SandboxHuman human)
    {
        _byUser[(human.ClientId, human.ClientUserId)] = human;
        _byHumanId[human.HumanId] = human;
        _byPublicToken[human.PublicToken] = human;
        _byAccessToken[human.AccessToken] = human;
    }
}
