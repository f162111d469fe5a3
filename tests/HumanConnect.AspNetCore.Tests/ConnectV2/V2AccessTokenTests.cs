using System.Net;
using System.Text;
using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using HumanConnect.AspNetCore.Tests.Rendering;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// The access tokens the data client reads with: in v2 minted on demand, cached per user (encrypted, under a key that
/// hides the user id) until they expire, and dropped when the data API refuses one; in the legacy flow the stored one.
/// </summary>
public sealed class V2AccessTokenTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AccessTokenLookup> GetAsync(TestApp app, string user = TestData.Alice)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IHumanAccessTokenSource>().GetAsync(user, Ct);
    }

    private static async Task RejectAsync(TestApp app, string accessToken, string user = TestData.Alice)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IHumanAccessTokenSource>().RejectedAsync(user, accessToken, Ct);
    }

    private static RecordingTokenStore Connected(string user = TestData.Alice) =>
        new() { [user] = HumanTokens.ForConnectV2(TestData.HumanId, "v2-user", sourcesConnected: true) };

    [Fact]
    public async Task An_access_token_is_minted_once_and_then_read_from_the_cache()
    {
        await using var app = await V2.StartAsync(Connected());
        app.Upstream.ExpectToken(V2.Access());

        var first = await GetAsync(app);
        var second = await GetAsync(app);

        Assert.Equal(V2.AccessToken, first.AccessToken);
        Assert.Equal(V2.AccessToken, second.AccessToken);
        var sent = Assert.Single(app.Upstream.TokenRequests());
        Assert.Equal("access", sent.GetProperty("type").GetString());
        Assert.Equal("v2-user", sent.GetProperty("client_user_id").GetString());
        Assert.DoesNotContain(V2.AccessToken, first.ToString(), StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_token_the_data_API_refused_is_dropped_and_the_next_read_mints_a_new_one()
    {
        await using var app = await V2.StartAsync(Connected());
        app.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Access(V2.OtherAccessToken));

        var refused = await GetAsync(app);
        await RejectAsync(app, refused.AccessToken!);
        var fresh = await GetAsync(app);
        var cached = await GetAsync(app);

        Assert.Equal(V2.OtherAccessToken, fresh.AccessToken);
        Assert.Equal(V2.OtherAccessToken, cached.AccessToken);
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Name == "ConnectAccessTokenDropped");
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_401_for_an_older_token_does_not_drop_the_newer_one()
    {
        await using var app = await V2.StartAsync(Connected());
        app.Upstream.ExpectToken(V2.Access());

        await GetAsync(app);
        await RejectAsync(app, "an-older-token");
        var read = await GetAsync(app);

        Assert.Equal(V2.AccessToken, read.AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task An_expired_access_token_is_minted_again()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var app = await V2.StartAsync(Connected(), services: s => s.AddSingleton<TimeProvider>(time));
        app.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Access(V2.OtherAccessToken));

        await GetAsync(app);
        time.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(59));
        var afterADay = await GetAsync(app);

        Assert.Equal(V2.OtherAccessToken, afterADay.AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_cached_entry_is_encrypted_and_its_key_does_not_name_the_user()
    {
        const string user = "alice@example.com";
        await using var app = await V2.StartAsync(Connected(user));
        app.Upstream.ExpectToken(V2.Access());

        await GetAsync(app, user);

        var key = ConnectTokenCache.KeyFor(ConnectTokenSlot.Access, user);
        Assert.DoesNotContain(user, key, StringComparison.Ordinal);
        Assert.StartsWith("HumanConnect:connect-token:v1:access:", key, StringComparison.Ordinal);
        var raw = await app.Services.GetRequiredService<IDistributedCache>().GetAsync(key, Ct);
        Assert.NotNull(raw);
        Assert.DoesNotContain(V2.AccessToken, Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        Assert.DoesNotContain(V2.AccessToken, Convert.ToBase64String(raw), StringComparison.Ordinal);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task An_entry_copied_under_another_users_key_does_not_open()
    {
        await using var app = await V2.StartAsync(Connected());
        app.Upstream.ExpectToken(V2.Access());
        await GetAsync(app);
        var cache = app.Services.GetRequiredService<IDistributedCache>();
        var alices = await cache.GetAsync(ConnectTokenCache.KeyFor(ConnectTokenSlot.Access, TestData.Alice), Ct);
        await cache.SetAsync(ConnectTokenCache.KeyFor(ConnectTokenSlot.Access, TestData.Mallory), alices!, Ct);

        var mallory = await GetAsync(app, TestData.Mallory);

        Assert.Equal(AccessTokenFailure.NotConnected, mallory.Failure);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task No_record_or_no_connected_source_is_not_connected_without_calling_Human_API()
    {
        var store = new RecordingTokenStore { [TestData.Bob] = HumanTokens.ForConnectV2(TestData.HumanId, "bob", sourcesConnected: false) };
        await using var app = await V2.StartAsync(store);

        Assert.Equal(AccessTokenFailure.NotConnected, (await GetAsync(app, TestData.Alice)).Failure);
        Assert.Equal(AccessTokenFailure.NotConnected, (await GetAsync(app, TestData.Bob)).Failure);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, nameof(AccessTokenFailure.NotConnected))]
    [InlineData(HttpStatusCode.Unauthorized, nameof(AccessTokenFailure.UpstreamRejected))]
    [InlineData(HttpStatusCode.BadGateway, nameof(AccessTokenFailure.UpstreamUnavailable))]
    public async Task A_refused_mint_is_a_typed_failure_and_is_not_cached(HttpStatusCode status, string failure)
    {
        await using var app = await V2.StartAsync(Connected());
        app.Upstream.ExpectToken(V2.Error(status)).ExpectToken(V2.Access());

        Assert.Equal(failure, (await GetAsync(app)).Failure.ToString());
        Assert.Equal(V2.AccessToken, (await GetAsync(app)).AccessToken);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task In_the_legacy_flow_the_stored_access_token_is_read()
    {
        var store = new RecordingTokenStore { [TestData.Alice] = TestData.StoredTokens(), [TestData.Bob] = HumanTokens.ForConnectV2(TestData.HumanId, "bob", true) };
        await using var app = await TestApp.StartAsync(humanConnect: b => b.AddTokenStore(_ => store, ServiceLifetime.Singleton));

        Assert.Equal(TestData.OldAccessToken, (await GetAsync(app)).AccessToken);
        Assert.Equal(AccessTokenFailure.ReconnectRequired, (await GetAsync(app, TestData.Bob)).Failure);
        Assert.Equal(AccessTokenFailure.NotConnected, (await GetAsync(app, TestData.Mallory)).Failure);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
