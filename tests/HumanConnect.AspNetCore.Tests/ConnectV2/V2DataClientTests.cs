using HumanConnect.AspNetCore.Tests.DataClient;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Tests.ConnectV2;

/// <summary>
/// <c>IHumanDataClient</c> in Connect v2, against the data API on loopback Kestrel: it reads with a minted, cached
/// <c>access</c> token (never a stored one), and a 401 drops that token and tries one fresh one.
/// </summary>
public sealed class V2DataClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_use_one_minted_access_token_in_the_Authorization_header_until_it_is_refused()
    {
        await using var harness = await StartAsync();
        await ConnectV2Async(harness);
        harness.App.Upstream.ExpectToken(V2.Access());
        harness.Fake.Answer = (context, _) => FakeDataApi.Json(context, """{"humanId":"h1"}""");

        var first = await harness.DataFor().GetProfileAsync(Ct);
        var second = await harness.DataFor().GetProfileAsync(Ct);

        Assert.True(first.Succeeded);
        Assert.True(second.Succeeded);
        Assert.Equal("access", Assert.Single(harness.App.Upstream.TokenRequests()).GetProperty("type").GetString());
        Assert.All(harness.Fake.Requests, request => Assert.Equal("Bearer " + V2.AccessToken, request.Authorization));
        AssertClean(harness);
    }

    [Fact]
    public async Task Parallel_reads_of_one_scope_share_one_mint()
    {
        await using var harness = await StartAsync();
        await ConnectV2Async(harness);
        harness.App.Upstream.ExpectToken(V2.Access());
        harness.Fake.Answer = (context, _) => FakeDataApi.Json(context, """{"humanId":"h1"}""");
        var data = harness.DataFor();

        var reads = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => data.GetProfileAsync(Ct)));

        Assert.All(reads, read => Assert.True(read.Succeeded));
        Assert.Single(harness.App.Upstream.TokenRequests());
        Assert.Equal(5, harness.Fake.Requests.Count);
        AssertClean(harness);
    }

    [Fact]
    public async Task A_401_drops_the_token_and_one_freshly_minted_token_reads()
    {
        await using var harness = await StartAsync();
        await ConnectV2Async(harness);
        harness.App.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Access(V2.OtherAccessToken));
        harness.Fake.Answer = (context, index) => index == 0 ? FakeDataApi.Status(context, 401) : FakeDataApi.Json(context, """{"humanId":"h1"}""");

        var result = await harness.DataFor().GetProfileAsync(Ct);

        Assert.True(result.Succeeded);
        Assert.Equal(["Bearer " + V2.AccessToken, "Bearer " + V2.OtherAccessToken], harness.Fake.Requests.Select(r => r.Authorization));
        Assert.Equal(1, harness.Logged("ConnectAccessTokenDropped"));
        Assert.Equal(0, harness.Logged("DataReconnectRequired"));
        // The v2 record is left as it was: nothing to mark, a v2 user reconnects through Connect only if Human API says so.
        Assert.True((await harness.App.Store.GetAsync(TestData.Alice, Ct))!.SourcesConnected);
        AssertClean(harness);
    }

    [Fact]
    public async Task A_second_401_with_the_fresh_token_is_ReconnectRequired_and_drops_that_one_too()
    {
        await using var harness = await StartAsync();
        await ConnectV2Async(harness);
        harness.App.Upstream.ExpectToken(V2.Access()).ExpectToken(V2.Access(V2.OtherAccessToken)).ExpectToken(V2.Access());
        harness.Fake.Answer = (context, index) => index < 2 ? FakeDataApi.Status(context, 401) : FakeDataApi.Json(context, """{"humanId":"h1"}""");

        var refused = await harness.DataFor().GetProfileAsync(Ct);
        var next = await harness.DataFor().GetProfileAsync(Ct);

        Assert.Equal(HumanDataFailure.ReconnectRequired, refused.Failure);
        Assert.Equal(2, harness.Logged("ConnectAccessTokenDropped"));
        Assert.True(next.Succeeded, "the next read mints again");
        Assert.Equal(3, harness.Fake.Requests.Count);
        AssertClean(harness);
    }

    [Fact]
    public async Task A_user_with_no_record_is_NotConnected_and_nothing_is_minted_or_read()
    {
        await using var harness = await StartAsync();

        var result = await harness.DataFor().GetProfileAsync(Ct);

        Assert.Equal(HumanDataFailure.NotConnected, result.Failure);
        Assert.Empty(harness.App.Upstream.Requests);
        Assert.Empty(harness.Fake.Requests);
        AssertClean(harness);
    }

    private static async Task<DataClientHarness> StartAsync()
    {
        var harness = await DataClientHarness.StartAsync(o =>
        {
            o.ConnectVersion = HumanConnectVersion.V2;
            o.ConnectTokenEndpoint = V2.TokenEndpoint;
        });
        harness.App.SecretValues.Add(V2.AccessToken);
        harness.App.SecretValues.Add(V2.OtherAccessToken);
        return harness;
    }

    private static Task ConnectV2Async(DataClientHarness harness) =>
        harness.App.Store.SaveAsync(TestData.Alice,
            HumanTokens.ForConnectV2(TestData.HumanId, TestData.ClientUserIdOf(TestData.Alice), sourcesConnected: true), Ct);

    private static void AssertClean(DataClientHarness harness)
    {
        Assert.All(harness.Fake.Requests, request => Assert.DoesNotContain("V2ACCESS", request.Path + request.Query, StringComparison.Ordinal));
        harness.AssertCleanAndNoLeaks();
    }
}
