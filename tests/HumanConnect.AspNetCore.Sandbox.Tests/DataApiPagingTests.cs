using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The data API pages exactly as recorded from Human API: X-Total-Count, and Link rels per page.</summary>
public sealed class DataApiPagingTests
{
    [Fact]
    public async Task Following_next_at_limit_2_walks_every_page_with_the_recorded_rels_and_reaches_the_total()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        // The demo user: a fixed humanId, so the same data on every run; two weeks of activities, a page per two.
        const string token = "demo";
        var all = await sandbox.DataJsonAsync(token, "/activities?limit=500&" + Range);
        var total = all.GetArrayLength();
        Assert.InRange(total, 7, 500);

        var ids = new List<string>();
        var pages = new List<Dictionary<string, Uri>>();
        Uri? next = new(sandbox.Host.Address, "/sandbox/v1/human/activities?limit=2&" + Range);
        while (next is not null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, next);
            request.Headers.Authorization = new("Bearer", token);
            using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(total.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("X-Total-Count")));
            ids.AddRange((await SandboxApp.ReadJsonAsync(response)).EnumerateArray().Select(record => record.GetProperty("id").GetString()!));
            var links = LinkHeader.Parse(response);
            pages.Add(links);
            next = links.GetValueOrDefault("next");
            Assert.True(pages.Count <= total, "next never ends");
        }

        Assert.Equal(all.EnumerateArray().Select(record => record.GetProperty("id").GetString()), ids);
        Assert.True(pages.Count >= 3);
        var lastOffset = total / 2 * 2;
        Assert.Equal(["next", "last"], pages[0].Keys);
        Assert.Equal(Url(sandbox, 2, lastOffset), pages[0]["last"]);
        foreach (var middle in pages[1..^1])
        {
            Assert.Equal(["next", "prev", "first", "last"], middle.Keys);
            Assert.Equal(Url(sandbox, 2, 0), middle["first"]);
        }

        Assert.Equal(["prev", "first"], pages[^1].Keys);
        Assert.Equal(Url(sandbox, 2, 0), pages[^1]["first"]);
        Assert.Equal(Url(sandbox, 2, ((pages.Count - 1) * 2) - 2), pages[^1]["prev"]);
    }

    [Fact]
    public async Task The_default_limit_is_50_and_last_is_floor_of_total_over_limit_times_limit()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        using var response = await sandbox.DataAsync(token, "/heart_rate/readings");
        var total = int.Parse(Assert.Single(response.Headers.GetValues("X-Total-Count")), System.Globalization.CultureInfo.InvariantCulture);
        var links = LinkHeader.Parse(response);

        Assert.InRange(total, 300, 360); // four a day for 90 days, less what today has not synced yet
        Assert.Equal(50, (await SandboxApp.ReadJsonAsync(response)).GetArrayLength());
        Assert.Equal("limit=50&offset=50", links["next"].Query.TrimStart('?'));
        Assert.Equal($"limit=50&offset={total / 50 * 50}", links["last"].Query.TrimStart('?'));
    }

    [Fact]
    public async Task When_the_total_is_a_multiple_of_the_limit_last_names_an_empty_page_as_recorded()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString();

        // Two sources listed one per page: the second page is the last, and "last" points past it.
        using var first = await sandbox.DataAsync(token, "/sources?limit=1");
        var last = LinkHeader.Parse(first)["last"];
        using var request = new HttpRequestMessage(HttpMethod.Get, last);
        request.Headers.Authorization = new("Bearer", token);
        using var empty = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal("limit=1&offset=2", last.Query.TrimStart('?'));
        Assert.Equal("[]", await empty.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("2", Assert.Single(empty.Headers.GetValues("X-Total-Count")));
        Assert.Equal(["prev", "first"], LinkHeader.Parse(empty).Keys);
    }

    [Fact]
    public async Task Links_keep_the_original_query_string_changing_only_limit_and_offset()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();

        using var response = await sandbox.DataAsync(token, "/activities?source=starfleetpharmacy&offset=4&time_series=false&limit=2&x=a%20b");
        var links = LinkHeader.Parse(response);

        Assert.Equal("?source=starfleetpharmacy&offset=6&time_series=false&limit=2&x=a%20b", links["next"].Query);
        Assert.Equal("?source=starfleetpharmacy&offset=2&time_series=false&limit=2&x=a%20b", links["prev"].Query);
        Assert.Equal("?source=starfleetpharmacy&offset=0&time_series=false&limit=2&x=a%20b", links["first"].Query);
        Assert.All(links.Values, url => Assert.Equal(new Uri(sandbox.Host.Address, "/sandbox/v1/human/activities").AbsoluteUri, url.GetLeftPart(UriPartial.Path)));
    }

    [Fact]
    public async Task A_page_that_holds_everything_has_no_Link_and_an_offset_past_the_end_is_an_empty_page()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", ["Starfleet Medical"])).GetProperty("accessToken").GetString();

        using var whole = await sandbox.DataAsync(token, "/medical/medications");
        using var past = await sandbox.DataAsync(token, "/medical/medications?offset=10");

        Assert.False(whole.Headers.Contains("Link"));
        Assert.Equal(3, (await SandboxApp.ReadJsonAsync(whole)).GetArrayLength());
        Assert.Equal(JsonValueKind.Array, (await SandboxApp.ReadJsonAsync(past)).ValueKind);
        Assert.Equal(0, (await SandboxApp.ReadJsonAsync(past)).GetArrayLength());
        Assert.Equal("3", Assert.Single(past.Headers.GetValues("X-Total-Count")));
    }

    [Fact]
    public async Task Links_are_absolute_under_another_prefix_and_a_path_base()
    {
        await using var sandbox = await SandboxApp.StartAsync(app =>
        {
            app.UsePathBase("/app");
            app.UseRouting();
        }, prefix: "/hapi");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/app/hapi/v1/human/heart_rate/readings?limit=3");
        request.Headers.Authorization = new("Bearer", "demo");

        using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new Uri(sandbox.Host.Address, "/app/hapi/v1/human/heart_rate/readings?limit=3&offset=3").AbsoluteUri, LinkHeader.Parse(response)["next"].AbsoluteUri);
    }

    private const string Range = "start_date=2029-12-01&end_date=2029-12-14";

    private static Uri Url(SandboxApp sandbox, int limit, int offset) =>
        new(sandbox.Host.Address, $"/sandbox/v1/human/activities?limit={limit}&{Range}&offset={offset}");
}
