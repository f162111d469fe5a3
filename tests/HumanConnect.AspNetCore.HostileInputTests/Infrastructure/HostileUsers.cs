using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// The people in the host: bob (the victim, connected), alice (the attacker, signed in and connected too, so a
/// public-token that wrongly succeeds changes her record) and carol (signed in, for cross-user antiforgery tokens).
/// Also holds a pool of real, unspent session tokens for alice, minted before any case runs: a hostile body built
/// around a real token succeeds if the library wrongly accepts it, so the store check has something to catch.
/// </summary>
internal sealed class HostileUsers
{
    public const string Alice = "alice";
    public const string Bob = "bob";
    public const string Carol = "carol";

    private readonly ConcurrentQueue<SessionToken> _sessions;

    private HostileUsers(Visitor alice, Visitor bob, Visitor carol, StoreSnapshot seeded, int seedingUpstreamCalls, int seedingStoreWrites, IEnumerable<SessionToken> sessions)
    {
        AliceVisitor = alice;
        BobVisitor = bob;
        CarolVisitor = carol;
        Seeded = seeded;
        SeedingUpstreamCalls = seedingUpstreamCalls;
        SeedingStoreWrites = seedingStoreWrites;
        _sessions = new(sessions);
    }

    public Visitor AliceVisitor { get; }

    public Visitor BobVisitor { get; }

    public Visitor CarolVisitor { get; }

    /// <summary>The store once bob and alice are connected: what it must still hold after every case.</summary>
    public StoreSnapshot Seeded { get; }

    /// <summary>How many upstream calls seeding made (one exchange per connected user); no case may add one.</summary>
    public int SeedingUpstreamCalls { get; }

    /// <summary>How many store writes seeding made (one per connected user); no case may add one.</summary>
    public int SeedingStoreWrites { get; }

    /// <summary>A real session token for alice that nothing has spent.</summary>
    public SessionToken TakeSession() => _sessions.TryDequeue(out var session)
        ? session
        : throw new InvalidOperationException("The pool of real session tokens is exhausted: raise the pool size in HostileHosts.");

    public static async Task<HostileUsers> SeedAsync(IServiceProvider services, int port, int sessionPool, CancellationToken cancellationToken)
    {
        // No cookie container: each visitor's cookies are sent by hand, never carried over from another visitor.
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var resolver = services.GetRequiredService<IHumanConnectUserResolver>();
        var bob = await Visitor.SignInAsync(http, Bob, cancellationToken);
        var alice = await Visitor.SignInAsync(http, Alice, cancellationToken);
        var carol = await Visitor.SignInAsync(http, Carol, cancellationToken);
        await ConnectAsync(http, bob, await MintAsync(http, resolver.GetClientUserId(Bob), null, cancellationToken), cancellationToken);
        await ConnectAsync(http, alice, await MintAsync(http, resolver.GetClientUserId(Alice), null, cancellationToken), cancellationToken);

        var store = services.GetRequiredService<IHumanTokenStore>();
        var seeded = new StoreSnapshot(await store.GetAsync(Alice, cancellationToken), await store.GetAsync(Bob, cancellationToken));
        Assert.NotNull(seeded.Alice?.PublicToken);
        Assert.NotNull(seeded.Bob?.PublicToken);

        // Minting (edit mode, with alice's publicToken) does not rotate the publicToken; only an exchange does.
        var sessions = new ConcurrentBag<SessionToken>();
        await Parallel.ForEachAsync(Enumerable.Range(0, sessionPool), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (_, ct) => sessions.Add(await MintAsync(http, seeded.Alice!.ClientUserId, seeded.Alice.PublicToken, ct)));
        var ledger = services.GetRequiredService<CaseLedger>();
        return new HostileUsers(alice, bob, carol, seeded, ledger.UpstreamCalls.Count, ledger.StoreWrites.Count, sessions);
    }

    /// <summary>
    /// Connect v2's seeding: the same visitors, and bob and alice connected as Connect v2 connects them (a session minted
    /// at the sandbox's token endpoint, a source connected through its hosted page's call, then <c>POST /connect/sync</c>
    /// as the signed-in user), so each has a v2 record. No session token to pool: a v2 body carries none.
    /// </summary>
    public static async Task<HostileUsers> SeedConnectV2Async(IServiceProvider services, int port, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var resolver = services.GetRequiredService<IHumanConnectUserResolver>();
        var bob = await Visitor.SignInAsync(http, Bob, cancellationToken);
        var alice = await Visitor.SignInAsync(http, Alice, cancellationToken);
        var carol = await Visitor.SignInAsync(http, Carol, cancellationToken);
        foreach (var visitor in new[] { bob, alice })
        {
            await ConnectV2Async(http, visitor, resolver.GetClientUserId(visitor.User), cancellationToken);
        }

        var store = services.GetRequiredService<IHumanTokenStore>();
        var seeded = new StoreSnapshot(await store.GetAsync(Alice, cancellationToken), await store.GetAsync(Bob, cancellationToken));
        Assert.True(seeded.Alice is { ConnectVersion: HumanConnectVersion.V2, SourcesConnected: true }, $"alice was not connected in v2: {seeded}");
        Assert.True(seeded.Bob is { ConnectVersion: HumanConnectVersion.V2, SourcesConnected: true }, $"bob was not connected in v2: {seeded}");
        var ledger = services.GetRequiredService<CaseLedger>();
        return new HostileUsers(alice, bob, carol, seeded, ledger.UpstreamCalls.Count, ledger.StoreWrites.Count, []);
    }

    private static async Task ConnectV2Async(HttpClient http, Visitor visitor, string clientUserId, CancellationToken cancellationToken)
    {
        using var minted = await http.PostAsJsonAsync("/sandbox/v1/connect/token", new Dictionary<string, string>
        {
            ["type"] = "session",
            ["client_id"] = HumanApiSandboxDefaults.ClientId,
            ["client_secret"] = HumanApiSandboxDefaults.ClientSecret,
            ["client_user_id"] = clientUserId,
        }, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, minted.StatusCode);
        using var session = JsonDocument.Parse(await minted.Content.ReadAsStringAsync(cancellationToken));
        var token = session.RootElement.GetProperty("session_token").GetString();

        using var source = await http.PostAsJsonAsync("/sandbox/hapi-connect/api/source",
            new { token, source = HumanApiSandboxDefaults.DemoSources[0], connected = true }, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);

        // What human-connect-v2.js does after Connect reported the change.
        using var sync = new HttpRequestMessage(HttpMethod.Post, "/connect/sync");
        sync.Headers.Add("Cookie", visitor.CookieHeader);
        sync.Headers.Add("RequestVerificationToken", visitor.RequestToken);
        using var synced = await http.SendAsync(sync, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, synced.StatusCode);
    }

    /// <summary>The sessionTokenObject Connect's "Done" would hand the page, through the sandbox's test shortcut.</summary>
    private static async Task<SessionToken> MintAsync(HttpClient http, string clientUserId, string? publicToken, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("/sandbox/v1/connect/sessions", new
        {
            clientId = HumanApiSandboxDefaults.ClientId,
            clientSecret = HumanApiSandboxDefaults.ClientSecret,
            clientUserId,
            publicToken,
        }, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = json.RootElement;
        return new SessionToken(root.GetProperty("humanId").GetString()!, root.GetProperty("clientId").GetString()!, root.GetProperty("sessionToken").GetString()!);
    }

    /// <summary>What human-connect.js does after Connect's finish: posts the sessionTokenObject with the antiforgery header.</summary>
    private static async Task ConnectAsync(HttpClient http, Visitor visitor, SessionToken session, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/finish")
        {
            Content = JsonContent.Create(new { humanId = session.HumanId, clientId = session.ClientId, sessionToken = session.Token }),
        };
        request.Headers.Add("Cookie", visitor.CookieHeader);
        request.Headers.Add("RequestVerificationToken", visitor.RequestToken);
        using var response = await http.SendAsync(request, cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>A sessionTokenObject: what Connect's finish hands the page.</summary>
internal sealed record SessionToken(string HumanId, string ClientId, string Token);
