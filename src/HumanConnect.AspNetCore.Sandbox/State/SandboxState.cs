using HumanConnect.AspNetCore.Sandbox.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Everything the sandbox remembers, in memory: users, their sources and tokens, open Connect sessions and
/// unspent session tokens. Safe under concurrent use.
/// </summary>
/// <remarks>
/// One lock guards it all. The sandbox serves a developer or a test run, not production traffic, and a single lock
/// keeps the invariants that span several maps (a publicToken indexes exactly one user, a session token is spent
/// exactly once) trivially true. The state file is written after the lock is released (see <see cref="SandboxStateFile"/>).
/// </remarks>
internal sealed class SandboxState
{
    /// <summary>
    /// The most open Connect sessions kept in memory. Opening the page needs no secret, so without a cap any page
    /// (or script) could grow the sandbox without bound; expired sessions are evicted first.
    /// </summary>
    public const int MaxOpenSessions = 10_000;

    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    /// <summary>The longest clientUserId accepted: far more than any id a host derives, far less than a body.</summary>
    public const int MaxClientUserIdLength = 256;

    private readonly Lock _gate = new();
    private readonly HumanApiSandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly SandboxStateFile? _file;
    private readonly Dictionary<(string ClientId, string ClientUserId), SandboxHuman> _byUser = [];
    private readonly Dictionary<string, SandboxHuman> _byHumanId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SandboxHuman> _byPublicToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConnectSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExchangeGrant> _grants = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep;
    private long _version;

    /// <summary>Loads the state file, if there is one; a relative path is under the host's content root.</summary>
    /// <param name="options">The sandbox's options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where a failing state file is reported.</param>
    /// <param name="environment">The host, whose content root anchors a relative state file; the current directory without one.</param>
    public SandboxState(IOptions<HumanApiSandboxOptions> options, TimeProvider time, ILogger<SandboxState> logger, IHostEnvironment? environment = null)
    {
        _options = options.Value;
        _time = time;
        if (!string.IsNullOrEmpty(_options.StateFilePath))
        {
            var root = environment?.ContentRootPath is { Length: > 0 } contentRoot ? contentRoot : Directory.GetCurrentDirectory();
            _file = new SandboxStateFile(Path.GetFullPath(_options.StateFilePath, root), logger);
            foreach (var record in _file.Load())
            {
                var human = new SandboxHuman(record.HumanId, record.ClientId, record.ClientUserId, record.AccessToken) { PublicToken = record.PublicToken };
                human.Sources.UnionWith(record.Sources);
                _byUser[(human.ClientId, human.ClientUserId)] = human;
                _byHumanId[human.HumanId] = human;
                _byPublicToken[human.PublicToken] = human;
            }
        }
    }

    /// <summary>
    /// Opens the hosted page's session: edit mode when a publicToken is given, create mode otherwise. A
    /// <paramref name="request"/>'s sessionToken resumes an open session only when it targets the same user, so a
    /// token left in a shared browser's localStorage never resumes someone else's session.
    /// </summary>
    public SandboxResult<UiSessionView> Open(UiOpenRequest request)
    {
        if (request.ClientUserId?.Length > MaxClientUserIdLength)
        {
            return SandboxErrors.ClientUserIdTooLong(MaxClientUserIdLength);
        }

        var now = _time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            // Human API's legacy script builds "&sessionToken= " + token, with a space: trimmed, so it still resumes.
            var sessionToken = request.SessionToken?.Trim();
            var previous = !string.IsNullOrEmpty(sessionToken) ? _sessions.GetValueOrDefault(sessionToken) : null;
            ConnectSession session;
            if (!string.IsNullOrEmpty(request.PublicToken))
            {
                if (!_byPublicToken.TryGetValue(request.PublicToken, out var human)
                    || (!string.IsNullOrEmpty(request.ClientId) && request.ClientId != human.ClientId)
                    || (!string.IsNullOrEmpty(request.ClientUserId) && request.ClientUserId != human.ClientUserId))
                {
                    return SandboxErrors.InvalidPublicToken();
                }

                var resumed = previous is not null && previous.HumanId == human.HumanId
                    ? previous
                    : NewSession(human.ClientId, human.ClientUserId, human.HumanId, editMode: true);
                if (resumed is null)
                {
                    return SandboxErrors.TooManySessions(MaxOpenSessions);
                }

                session = resumed;
            }
            else
            {
                if (string.IsNullOrEmpty(request.ClientId))
                {
                    return SandboxErrors.MissingParameter("clientId");
                }

                if (string.IsNullOrEmpty(request.ClientUserId))
                {
                    return SandboxErrors.MissingParameter("clientUserId");
                }

                if (request.ClientId != _options.ClientId)
                {
                    return SandboxErrors.UnknownClient();
                }

                var sameUser = previous is not null && previous.ClientId == request.ClientId && previous.ClientUserId == request.ClientUserId;
                if (_byUser.TryGetValue((request.ClientId, request.ClientUserId), out var existing))
                {
                    // Only the session that created the user may come back to it without a publicToken (a reload mid-session).
                    if (!sameUser || previous!.HumanId != existing.HumanId)
                    {
                        return SandboxErrors.UserAlreadyExists();
                    }

                    session = previous;
                }
                else
                {
                    var resumed = sameUser ? previous! : NewSession(request.ClientId, request.ClientUserId, SandboxTokens.NewHumanId(), editMode: false);
                    if (resumed is null)
                    {
                        return SandboxErrors.TooManySessions(MaxOpenSessions);
                    }

                    session = resumed;
                }
            }

            session.ExpiresAt = now + _options.ConnectSessionLifetime;
            return View(session);
        }
    }

    /// <summary>Connects or disconnects a source. In create mode the first connect creates the user.</summary>
    public SandboxResult<UiSessionView> SetSource(string sessionToken, string source, bool connected)
    {
        if (!_options.DemoSources.Contains(source, StringComparer.Ordinal))
        {
            return SandboxErrors.UnknownSource();
        }

        var now = _time.GetUtcNow();
        StateWrite? write = null;
        UiSessionView view;
        lock (_gate)
        {
            if (!TryGetLiveSession(sessionToken, now, out var session))
            {
                return SandboxErrors.SessionExpired();
            }

            if (!_byHumanId.TryGetValue(session.HumanId, out var human))
            {
                if (!connected)
                {
                    return View(session);
                }

                // Another session may have created the same clientUserId meanwhile: Human API refuses the second one.
                if (_byUser.ContainsKey((session.ClientId, session.ClientUserId)))
                {
                    return SandboxErrors.UserAlreadyExists();
                }

                human = CreateHuman(session.HumanId, session.ClientId, session.ClientUserId);
            }

            // A user just created has no sources yet, so connecting the first one always counts as a change.
            var changed = connected ? human.Sources.Add(source) : human.Sources.Remove(source);
            session.Changed |= changed;
            session.ExpiresAt = now + _options.ConnectSessionLifetime;
            if (changed)
            {
                write = Capture();
            }

            view = View(session);
        }

        Write(write);
        return view;
    }

    /// <summary>
    /// Ends the session. After a change it mints the single-use session token for <c>finish</c>; without one it
    /// answers no token, and the page closes instead (the guide's <c>close</c>: "without connecting any data sources").
    /// </summary>
    public SandboxResult<UiDoneAnswer> Done(string sessionToken)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!TryGetLiveSession(sessionToken, now, out var session))
            {
                return SandboxErrors.SessionExpired();
            }

            _sessions.Remove(session.Token);
            return session.Changed
                ? new UiDoneAnswer(true, MintSessionToken(session.HumanId, session.ClientId, session.ClientUserId, now))
                : new UiDoneAnswer(false, null);
        }
    }

    /// <summary>
    /// The test shortcut: does in one call what the page does between open and "Done". <paramref name="sources"/>
    /// is the set connected afterwards; <see langword="null"/> keeps an existing user's sources, and connects the
    /// first demo source for a new user.
    /// </summary>
    public SandboxResult<SessionTokenObject> CreateSession(string clientUserId, string? publicToken, string[]? sources)
    {
        if (clientUserId.Length > MaxClientUserIdLength)
        {
            return SandboxErrors.ClientUserIdTooLong(MaxClientUserIdLength);
        }

        if (sources is not null && sources.Any(source => !_options.DemoSources.Contains(source, StringComparer.Ordinal)))
        {
            return SandboxErrors.UnknownSource();
        }

        var clientId = _options.ClientId;
        var now = _time.GetUtcNow();
        StateWrite? write;
        SessionTokenObject token;
        lock (_gate)
        {
            Sweep(now);
            SandboxHuman? human;
            if (!string.IsNullOrEmpty(publicToken))
            {
                if (!_byPublicToken.TryGetValue(publicToken, out human) || human.ClientUserId != clientUserId)
                {
                    return SandboxErrors.InvalidPublicToken();
                }
            }
            else if (_byUser.ContainsKey((clientId, clientUserId)))
            {
                return SandboxErrors.UserAlreadyExists();
            }
            else
            {
                human = CreateHuman(SandboxTokens.NewHumanId(), clientId, clientUserId);
                sources ??= [_options.DemoSources[0]];
            }

            if (sources is not null)
            {
                human.Sources.Clear();
                human.Sources.UnionWith(sources);
            }

            write = Capture();
            token = MintSessionToken(human.HumanId, clientId, clientUserId, now);
        }

        Write(write);
        return token;
    }

    /// <summary>
    /// Spends a session token. Any presentation spends it, matching or not, so it can never be replayed; on a match
    /// the user's publicToken rotates and their tokens are answered.
    /// </summary>
    public TokensAnswer? Exchange(string humanId, string clientId, string sessionToken)
    {
        var now = _time.GetUtcNow();
        StateWrite? write;
        TokensAnswer answer;
        lock (_gate)
        {
            if (!_grants.Remove(sessionToken, out var grant)
                || grant.ExpiresAt <= now
                || grant.HumanId != humanId
                || grant.ClientId != clientId
                || !_byHumanId.TryGetValue(humanId, out var human))
            {
                return null;
            }

            RotatePublicToken(human);
            write = Capture();
            answer = new TokensAnswer(human.HumanId, human.AccessToken, human.PublicToken, human.ClientId, human.ClientUserId);
        }

        Write(write);
        return answer;
    }

    /// <summary>Issues a fresh publicToken for a known user; the previous one goes stale.</summary>
    public PublicTokensAnswer? NewPublicToken(string humanId, string clientId)
    {
        StateWrite? write;
        PublicTokensAnswer answer;
        lock (_gate)
        {
            if (!_byHumanId.TryGetValue(humanId, out var human) || human.ClientId != clientId)
            {
                return null;
            }

            RotatePublicToken(human);
            write = Capture();
            answer = new PublicTokensAnswer(human.HumanId, human.PublicToken);
        }

        Write(write);
        return answer;
    }

    /// <summary>
    /// Snapshots the users for the state file, when there is one. Called under the lock after every change to a user;
    /// the version orders the snapshots, so a write that loses a race never replaces a newer one.
    /// </summary>
    private StateWrite? Capture() => _file is null ? null : new StateWrite(
        new SandboxSnapshot([.. _byHumanId.Values.Select(human => new SandboxHumanRecord(
            human.HumanId, human.ClientId, human.ClientUserId, human.AccessToken, human.PublicToken, [.. human.Sources]))]),
        ++_version);

    /// <summary>Writes a snapshot taken by <see cref="Capture"/>, outside the lock: disk latency holds up no other request.</summary>
    private void Write(StateWrite? write)
    {
        if (write is not null)
        {
            _file!.Save(write.Snapshot, write.Version);
        }
    }

    /// <summary>A new open session, or <see langword="null"/> when <see cref="MaxOpenSessions"/> live ones are held (the caller swept the expired).</summary>
    private ConnectSession? NewSession(string clientId, string clientUserId, string humanId, bool editMode)
    {
        if (_sessions.Count >= MaxOpenSessions)
        {
            return null;
        }

        var session = new ConnectSession(SandboxTokens.NewToken(), clientId, clientUserId, humanId, editMode);
        _sessions[session.Token] = session;
        return session;
    }

    private SandboxHuman CreateHuman(string humanId, string clientId, string clientUserId)
    {
        var human = new SandboxHuman(humanId, clientId, clientUserId, SandboxTokens.NewAccessToken());
        _byUser[(clientId, clientUserId)] = human;
        _byHumanId[humanId] = human;
        RotatePublicToken(human);
        return human;
    }

    private void RotatePublicToken(SandboxHuman human)
    {
        _byPublicToken.Remove(human.PublicToken);
        human.PublicToken = SandboxTokens.NewToken();
        _byPublicToken[human.PublicToken] = human;
    }

    private SessionTokenObject MintSessionToken(string humanId, string clientId, string clientUserId, DateTimeOffset now)
    {
        var token = SandboxTokens.NewToken();
        _grants[token] = new ExchangeGrant(humanId, clientId, clientUserId, now + _options.SessionTokenLifetime);
        return new SessionTokenObject(humanId, clientId, token);
    }

    private bool TryGetLiveSession(string token, DateTimeOffset now, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConnectSession? session)
    {
        if (_sessions.TryGetValue(token, out session) && session.ExpiresAt > now)
        {
            return true;
        }

        session = null;
        return false;
    }

    /// <summary>
    /// Forgets expired sessions and session tokens, so a long-running sandbox does not grow without bound. The walk is
    /// O(n), so it runs at most every <see cref="SweepInterval"/>, or when the session cap is reached; lookups check
    /// expiry themselves, so an expired entry awaiting the sweep is never used.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep && _sessions.Count < MaxOpenSessions)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (token, session) in _sessions)
        {
            if (session.ExpiresAt <= now)
            {
                _sessions.Remove(token);
            }
        }

        foreach (var (token, grant) in _grants)
        {
            if (grant.ExpiresAt <= now)
            {
                _grants.Remove(token);
            }
        }
    }

    private sealed record StateWrite(SandboxSnapshot Snapshot, long Version);

    private UiSessionView View(ConnectSession session)
    {
        var connected = _byHumanId.TryGetValue(session.HumanId, out var human) ? human.Sources : null;
        var sources = _options.DemoSources.Select(name => new UiSource(name, connected?.Contains(name) == true)).ToArray();
        return new UiSessionView(session.Token, session.HumanId, session.ClientId, session.EditMode ? "edit" : "create", session.Changed, sources);
    }
}
