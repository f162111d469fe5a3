using System.Net;
using HumanConnect.AspNetCore.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// <c>GET {prefix}/connect/options</c> in Connect v2: the same endpoint and schema, carrying the token the v2 button
/// would render, the v2 client, the hosted page and the sync URL; never a legacy member, the secret or an access token.
/// </summary>
public sealed class V2OptionsEndpointTests
{
    private const string Options = "/connect/options";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_user_gets_create_mode_with_a_session_token_under_the_same_schema()
    {
        await using var app = await V2.StartAsync(o => o.ExtraOptions["pinned-providers"] = "starfleet");
        app.Upstream.ExpectToken(V2.Session());

        using var response = await app.SendAsync(HttpMethod.Get, Options);
        var options = await response.AssertOkJsonAsync();

        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        Assert.Equal("human-connect-options/1", options.GetProperty("schema").GetString());
        Assert.Equal("v2", options.GetProperty("connectVersion").GetString());
        Assert.Equal("create", options.GetProperty("state").GetString());
        Assert.Equal(V2.SessionToken, options.GetProperty("token").GetString());
        Assert.Equal("/connect/sync", options.GetProperty("syncUrl").GetString());
        Assert.Equal("/connect/options", options.GetProperty("optionsUrl").GetString());
        Assert.Equal(HumanConnectDefaults.ConnectClientScriptUrl, options.GetProperty("connectScriptUrl").GetString());
        Assert.Equal(V2.BaseUrl, options.GetProperty("_baseURL").GetString());
        Assert.Equal("starfleet", options.GetProperty("options").GetProperty("pinned-providers").GetString());
        Assert.Equal("RequestVerificationToken", options.GetProperty("antiforgery").GetProperty("headerName").GetString());
        foreach (var legacy in (string[])["clientId", "clientUserId", "publicToken", "finishUrl", "owner"])
        {
            Assert.False(options.TryGetProperty(legacy, out _), legacy);
        }

        Assert.DoesNotContain(TestData.ClientSecret, options.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("session", Assert.Single(app.Upstream.TokenRequests()).GetProperty("type").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_returning_user_gets_edit_mode_with_an_id_token_and_the_cache_spares_the_next_call()
    {
        await using var app = await V2.StartAsync();
        await app.Store.SaveAsync(TestData.Alice, HumanTokens.ForConnectV2(TestData.HumanId, TestData.ClientUserIdOf(TestData.Alice), sourcesConnected: true), Ct);
        app.Upstream.ExpectToken(V2.Id());

        using var first = await app.SendAsync(HttpMethod.Get, Options);
        using var second = await app.SendAsync(HttpMethod.Get, Options);
        var options = await first.AssertOkJsonAsync();
        var again = await second.AssertOkJsonAsync();

        Assert.Equal("edit", options.GetProperty("state").GetString());
        Assert.Equal(V2.IdToken, options.GetProperty("token").GetString());
        Assert.Equal(V2.IdToken, again.GetProperty("token").GetString());
        Assert.Equal("id", Assert.Single(app.Upstream.TokenRequests()).GetProperty("type").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_failed_mint_is_the_unavailable_state_with_its_message_and_nothing_else()
    {
        await using var app = await V2.StartAsync();
        app.Upstream.ExpectToken(V2.Error(HttpStatusCode.InternalServerError));

        using var response = await app.SendAsync(HttpMethod.Get, Options);
        var options = await response.AssertOkJsonAsync();

        Assert.Equal("unavailable", options.GetProperty("state").GetString());
        Assert.Equal("v2", options.GetProperty("connectVersion").GetString());
        Assert.False(string.IsNullOrEmpty(options.GetProperty("message").GetString()));
        Assert.False(options.TryGetProperty("token", out _));
        Assert.False(options.TryGetProperty("antiforgery", out _));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Nobody_signed_in_is_the_same_401_problem_and_nothing_is_minted()
    {
        await using var app = await V2.StartAsync();

        using var response = await app.SendAsync(HttpMethod.Get, Options, user: null);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, HumanConnectErrorCodes.NotAuthenticated);
        Assert.Empty(app.Upstream.Requests);
        app.AssertCleanUpstreamAndNoLeaks();
    }
}
