using System.Diagnostics.CodeAnalysis;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Connect v2 over the same users as the legacy flow: a user is keyed on (clientId, client_user_id) and keeps one
/// humanId in both, so a user connected through the legacy flow gets an <c>access</c> token for the exact same
/// clientUserId. The v2 tokens live in memory only (a restart ends them, as it ends legacy Connect sessions); what a
/// user connected is kept with the user, and so in the state file.
/// </summary>
internal sealed partial class SandboxState
{
    // An expired launch token is remembered this long, so the page can say "expired" rather than "invalid".
    private static readonly TimeSpan ExpiredLaunchMemory = TimeSpan.FromDays(1);

    private readonly ConnectGrantTable<ConnectLaunchGrant> _launchGrants = new();
    private readonly ConnectGrantTable<ConnectAccessGrant> _accessGrants = new();
    private DateTimeOffset _nextConnectSweep;

    /// <summary>
    /// A <c>session_token</c>: for a new client_user_id the user is created now (with no source), so the answer can
    /// carry their <c>human_id</c>; an existing user (legacy ones included) keeps theirs.
    /// </summary>
    public ConnectMinted MintSession(string clientId, string clientUserId)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(() =>
        {
            SweepConnectTokens(now);
            if (!_users.TryGetByClientUserId(clientId, clientUserId, out var human))
            {
                human = _users.Create(SandboxTokens.NewHumanId(), clientId, clientUserId, now);
            }

            return MintLaunch(ConnectLaunchKind.Session, human, now);
        });
    }

    /// <summary>An <c>id_token</c> for a returning user; refused for a client_user_id the sandbox does not know.</summary>
    public ConnectMintResult MintId(string clientId, string clientUserId)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(ConnectMintResult () =>
        {
            SweepConnectTokens(now);
            return _users.TryGetByClientUserId(clientId, clientUserId, out var human)
                ? MintLaunch(ConnectLaunchKind.Id, human, now)
                : ConnectTokenRefusal.UnknownUser;
        });
    }

    /// <summary>
    /// An <c>access_token</c>, only for a user who has a connected source now (Human API: "previously connected data
    /// sources and is still active"). Each call mints a new one; earlier ones stay valid until they expire.
    /// </summary>
    public ConnectMintResult MintAccess(string clientId, string clientUserId)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(ConnectMintResult () =>
        {
            SweepConnectTokens(now);
            if (!_users.TryGetByClientUserId(clientId, clientUserId, out var human))
            {
                return ConnectTokenRefusal.UnknownUser;
            }

            if (human.Sources.Count == 0)
            {
                return ConnectTokenRefusal.NoConnectedSources;
            }

            var token = SandboxTokens.NewConnectAccessToken();
            _accessGrants.Add(token, new ConnectAccessGrant(human.HumanId, now + HumanApiSandboxDefaults.AccessTokenLifetime));
            return new ConnectMinted(token, human.HumanId, HumanApiSandboxDefaults.AccessTokenLifetime, SandboxTokens.NewRefreshToken());
        });
    }

    /// <summary>The hosted v2 page opens (or reopens) with a launch token.</summary>
    public ConnectPageResult OpenConnectPage(string? token)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(ConnectPageResult () =>
        {
            if (!TryGetLiveLaunch(token, now, out var grant, out var human, out var refusal))
            {
                return refusal;
            }

            grant.SourcesAtStart ??= new HashSet<string>(human.Sources, StringComparer.Ordinal);
            return PageView(grant, human);
        });
    }

    /// <summary>The hosted v2 page connects or disconnects one source; the change is the user's, kept in the state file.</summary>
    public ConnectPageResult SetConnectSource(string? token, string source, bool connected)
    {
        if (!_options.DemoSources.Contains(source, StringComparer.Ordinal))
        {
            return ConnectPageRefusal.UnknownSource;
        }

        var now = _time.GetUtcNow();
        return _persistence.Run(ConnectPageResult () =>
        {
            if (!TryGetLiveLaunch(token, now, out var grant, out var human, out var refusal))
            {
                return refusal;
            }

            grant.SourcesAtStart ??= new HashSet<string>(human.Sources, StringComparer.Ordinal);
            _users.SetSource(human, source, connected, now);
            return PageView(grant, human);
        });
    }

    /// <summary>The user a live Connect v2 access token belongs to. Called under the lock, by the data API's lookup.</summary>
    private bool TryFindByConnectAccessToken(string token, DateTimeOffset now, [NotNullWhen(true)] out SandboxHuman? human)
    {
        human = null;
        return _accessGrants.TryGet(token, out var grant) && grant.ExpiresAt > now && _users.TryGetByHumanId(grant.HumanId, out human);
    }

    /// <summary>Forgets a deleted user's v2 tokens. Called under the lock.</summary>
    private void RemoveConnectTokensOf(string humanId)
    {
        _launchGrants.RemoveForHuman(humanId);
        _accessGrants.RemoveForHuman(humanId);
    }

    private ConnectMinted MintLaunch(ConnectLaunchKind kind, SandboxHuman human, DateTimeOffset now)
    {
        var token = SandboxTokens.NewToken();
        _launchGrants.Add(token, new ConnectLaunchGrant(kind, human.HumanId, now + HumanApiSandboxDefaults.ConnectTokenLifetime));
        return new ConnectMinted(token, human.HumanId, HumanApiSandboxDefaults.ConnectTokenLifetime);
    }

    private bool TryGetLiveLaunch(
        string? token, DateTimeOffset now,
        [NotNullWhen(true)] out ConnectLaunchGrant? grant, [NotNullWhen(true)] out SandboxHuman? human, out ConnectPageRefusal refusal)
    {
        human = null;
        grant = null;
        refusal = string.IsNullOrEmpty(token) ? ConnectPageRefusal.MissingToken
            : !_launchGrants.TryGet(token, out grant) || !_users.TryGetByHumanId(grant.HumanId, out human) ? ConnectPageRefusal.InvalidToken
            : grant.ExpiresAt <= now ? ConnectPageRefusal.ExpiredToken
            : ConnectPageRefusal.None;
        return refusal == ConnectPageRefusal.None;
    }

    private ConnectPageState PageView(ConnectLaunchGrant grant, SandboxHuman human) => new(
        human.HumanId, grant.Kind, [.. _options.DemoSources], new HashSet<string>(human.Sources, StringComparer.Ordinal), grant.SourcesAtStart!);

    /// <summary>At most every sweep interval: forgets expired access tokens, and launch tokens a day after they expired.</summary>
    private void SweepConnectTokens(DateTimeOffset now)
    {
        if (now < _nextConnectSweep)
        {
            return;
        }

        _nextConnectSweep = now + SweepInterval;
        _accessGrants.RemoveExpiredBefore(now);
        _launchGrants.RemoveExpiredBefore(now - ExpiredLaunchMemory);
    }
}
