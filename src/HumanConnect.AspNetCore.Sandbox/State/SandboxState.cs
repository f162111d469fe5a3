using HumanConnect.AspNetCore.Sandbox.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>
/// Everything the sandbox remembers, in memory: users, their sources and tokens (<see cref="SandboxUsers"/>), open
/// Connect sessions (<see cref="SandboxSessions"/>) and unspent session tokens (<see cref="SandboxGrants"/>). Safe
/// under concurrent use.
/// </summary>
/// <remarks>
/// One lock guards it all, held by <see cref="SandboxPersistence"/>, which also writes the state file after each
/// change to a user. The sandbox serves a developer or a test run, not production traffic, and a single lock keeps
/// the invariants that span several maps (a publicToken indexes exactly one user, a session token is spent exactly
/// once) trivially true.
/// </remarks>
internal sealed partial class SandboxState
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private readonly HumanApiSandboxOptions _options;
    private readonly TimeProvider _time;
    private readonly SandboxPersistence _persistence;
    private readonly SandboxUsers _users;
    private readonly SandboxSessions _sessions;
    private readonly SandboxGrants _grants;
    private DateTimeOffset _nextSweep;

    /// <summary>Loads the state file, if there is one; a relative path is under the host's content root.</summary>
    /// <param name="options">The sandbox's options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Where a failing state file is reported.</param>
    /// <param name="environment">The host, whose content root anchors a relative state file; the current directory without one.</param>
    public SandboxState(IOptions<HumanApiSandboxOptions> options, TimeProvider time, ILogger<SandboxState> logger, IHostEnvironment? environment = null)
    {
        _options = options.Value;
        _time = time;
        _persistence = new SandboxPersistence(_options, logger, environment, time.GetUtcNow());
        _users = _persistence.Users;
        _sessions = new SandboxSessions(_options);
        _grants = new SandboxGrants(_options);
    }

    /// <summary>
    /// Opens the hosted page's session: edit mode when a publicToken is given, create mode otherwise. A
    /// <paramref name="request"/>'s sessionToken resumes an open session only when it targets the same user, so a
    /// token left in a shared browser's localStorage never resumes someone else's session.
    /// </summary>
    public SandboxResult<UiSessionView> Open(UiOpenRequest request)
    {
        if (request.ClientUserId?.Length > SandboxUsers.MaxClientUserIdLength)
        {
            return SandboxErrors.ClientUserIdTooLong(SandboxUsers.MaxClientUserIdLength);
        }

        var now = _time.GetUtcNow();
        return _persistence.Run(SandboxResult<UiSessionView> () =>
        {
            Sweep(now);
            // Human API's legacy script builds "&sessionToken= " + token, with a space: trimmed, so it still resumes.
            var sessionToken = request.SessionToken?.Trim();
            var previous = !string.IsNullOrEmpty(sessionToken) ? _sessions.Find(sessionToken) : null;
            var opened = !string.IsNullOrEmpty(request.PublicToken)
                ? OpenEditMode(request, request.PublicToken, previous)
                : OpenCreateMode(request, previous);
            if (opened.Value is not { } session)
            {
                return opened.Error!;
            }

            _sessions.Renew(session, now);
            return View(session);
        });
    }

    /// <summary>Connects or disconnects a source. In create mode the first connect creates the user.</summary>
    public SandboxResult<UiSessionView> SetSource(string sessionToken, string source, bool connected)
    {
        if (!_options.DemoSources.Contains(source, StringComparer.Ordinal))
        {
            return SandboxErrors.UnknownSource();
        }

        var now = _time.GetUtcNow();
        return _persistence.Run(SandboxResult<UiSessionView> () =>
        {
            if (!_sessions.TryGetLive(sessionToken, now, out var session))
            {
                return SandboxErrors.SessionExpired();
            }

            if (!_users.TryGetByHumanId(session.HumanId, out var human))
            {
                if (!connected)
                {
                    return View(session);
                }

                // Another session may have created the same clientUserId meanwhile: Human API refuses the second one.
                if (_users.Exists(session.ClientId, session.ClientUserId))
                {
                    return SandboxErrors.UserAlreadyExists();
                }

                human = _users.Create(session.HumanId, session.ClientId, session.ClientUserId, now);
            }

            // A user just created has no sources yet, so connecting the first one always counts as a change.
            session.Changed |= _users.SetSource(human, source, connected, now);
            _sessions.Renew(session, now);
            return View(session);
        });
    }

    /// <summary>
    /// Ends the session. After a change it mints the single-use session token for <c>finish</c>; without one it
    /// answers no token, and the page closes instead (Human Connect's <c>close</c> callback: the user left without
    /// connecting any data sources).
    /// </summary>
    public SandboxResult<UiDoneAnswer> Done(string sessionToken)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(SandboxResult<UiDoneAnswer> () =>
        {
            if (!_sessions.TryGetLive(sessionToken, now, out var session))
            {
                return SandboxErrors.SessionExpired();
            }

            _sessions.Close(session);
            return session.Changed
                ? new UiDoneAnswer(true, _grants.Mint(session.HumanId, session.ClientId, now))
                : new UiDoneAnswer(false, null);
        });
    }

    /// <summary>
    /// The test shortcut: does in one call what the page does between open and "Done". <paramref name="sources"/>
    /// is the set connected afterwards; <see langword="null"/> keeps an existing user's sources, and connects the
    /// first demo source for a new user.
    /// </summary>
    public SandboxResult<SessionTokenObject> CreateSession(string clientUserId, string? publicToken, string[]? sources)
    {
        if (clientUserId.Length > SandboxUsers.MaxClientUserIdLength)
        {
            return SandboxErrors.ClientUserIdTooLong(SandboxUsers.MaxClientUserIdLength);
        }

        if (sources is not null && sources.Any(source => !_options.DemoSources.Contains(source, StringComparer.Ordinal)))
        {
            return SandboxErrors.UnknownSource();
        }

        var clientId = _options.ClientId;
        var now = _time.GetUtcNow();
        return _persistence.Run(SandboxResult<SessionTokenObject> () =>
        {
            Sweep(now);
            SandboxHuman? human;
            if (!string.IsNullOrEmpty(publicToken))
            {
                if (!_users.TryGetByPublicToken(publicToken, out human) || human.ClientUserId != clientUserId)
                {
                    return SandboxErrors.InvalidPublicToken();
                }
            }
            else if (_users.Exists(clientId, clientUserId))
            {
                return SandboxErrors.UserAlreadyExists();
            }
            else
            {
                human = _users.Create(SandboxTokens.NewHumanId(), clientId, clientUserId, now);
                sources ??= [_options.DemoSources[0]];
            }

            if (sources is not null)
            {
                _users.ReplaceSources(human, sources, now);
            }

            return _grants.Mint(human.HumanId, clientId, now);
        });
    }

    /// <summary>
    /// Spends a session token. Any presentation spends it, matching or not, so it can never be replayed; on a match
    /// the user's publicToken rotates and their tokens are answered.
    /// </summary>
    public TokensAnswer? Exchange(string humanId, string clientId, string sessionToken)
    {
        var now = _time.GetUtcNow();
        return _persistence.Run(() =>
        {
            if (!_grants.TrySpend(sessionToken, humanId, clientId, now) || !_users.TryGetByHumanId(humanId, out var human))
            {
                return null;
            }

            _users.RotatePublicToken(human);
            return new TokensAnswer(human.HumanId, human.AccessToken, human.PublicToken, human.ClientId, human.ClientUserId);
        });
    }

    /// <summary>Issues a fresh publicToken for a known user; the previous one goes stale.</summary>
    public PublicTokensAnswer? NewPublicToken(string humanId, string clientId) => _persistence.Run(() =>
    {
        if (!_users.TryGetByHumanId(humanId, out var human) || human.ClientId != clientId)
        {
            return null;
        }

        _users.RotatePublicToken(human);
        return new PublicTokensAnswer(human.HumanId, human.PublicToken);
    });

    /// <summary>Edit mode: the publicToken's user, resuming <paramref name="previous"/> when it is theirs.</summary>
    private SandboxResult<ConnectSession> OpenEditMode(UiOpenRequest request, string publicToken, ConnectSession? previous)
    {
        if (!_users.TryGetByPublicToken(publicToken, out var human)
            || (!string.IsNullOrEmpty(request.ClientId) && request.ClientId != human.ClientId)
            || (!string.IsNullOrEmpty(request.ClientUserId) && request.ClientUserId != human.ClientUserId))
        {
            return SandboxErrors.InvalidPublicToken();
        }

        var session = previous is not null && previous.HumanId == human.HumanId
            ? previous
            : _sessions.Open(human.ClientId, human.ClientUserId, human.HumanId, editMode: true);
        return session is null ? SandboxErrors.TooManySessions(SandboxSessions.MaxOpenSessions) : session;
    }

    /// <summary>Create mode: a new user's session, or <paramref name="previous"/> when it is for the same clientUserId.</summary>
    private SandboxResult<ConnectSession> OpenCreateMode(UiOpenRequest request, ConnectSession? previous)
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
        if (_users.TryGetByClientUserId(request.ClientId, request.ClientUserId, out var existing))
        {
            // Only the session that created the user may come back to it without a publicToken (a reload mid-session).
            return sameUser && previous!.HumanId == existing.HumanId ? previous : SandboxErrors.UserAlreadyExists();
        }

        var session = sameUser ? previous : _sessions.Open(request.ClientId, request.ClientUserId, SandboxTokens.NewHumanId(), editMode: false);
        return session is null ? SandboxErrors.TooManySessions(SandboxSessions.MaxOpenSessions) : session;
    }

    /// <summary>
    /// Forgets expired sessions and session tokens, so a long-running sandbox does not grow without bound. The walk is
    /// O(n), so it runs at most every <see cref="SweepInterval"/>, or when the session cap is reached; lookups check
    /// expiry themselves, so an expired entry awaiting the sweep is never used.
    /// </summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep && !_sessions.IsFull)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        _sessions.RemoveExpired(now);
        _grants.RemoveExpired(now);
    }

    private UiSessionView View(ConnectSession session)
    {
        var connected = _users.TryGetByHumanId(session.HumanId, out var human) ? human.Sources : null;
        var sources = _options.DemoSources.Select(name => new UiSource(name, connected?.Contains(name) == true)).ToArray();
        return new UiSessionView(session.Token, session.HumanId, session.ClientId, session.EditMode ? "edit" : "create", session.Changed, sources);
    }
}
