using System.Net;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The data API reads a token from the Authorization header only, and never lets one into a URL or a log.</summary>
public sealed class DataApiAuthTests
{
    [Fact]
    public async Task No_token_is_401_with_a_Bearer_challenge()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var response = await sandbox.DataAsync(null, "/activities");

        await AssertUnauthorizedAsync(response, "missing_token");
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("Demo")]
    public async Task An_unknown_token_is_401(string token)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await sandbox.ConnectNewUserAsync("user-1");

        using var response = await sandbox.DataAsync(token, "/profile");

        await AssertUnauthorizedAsync(response, "invalid_token");
        Assert.Contains("error=\"invalid_token\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_scheme_is_401()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/v1/human/profile");
        request.Headers.Authorization = new("Basic", token);

        using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertUnauthorizedAsync(response, "missing_token");
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_refused_even_beside_a_valid_header_and_is_never_echoed_or_logged()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString()!;
        var inUrl = "/activities?access_token=" + Uri.EscapeDataString(token);

        using var alone = await sandbox.DataAsync(null, inUrl);
        using var beside = await sandbox.DataAsync(token, inUrl);
        using var upperCase = await sandbox.DataAsync(token, "/activities?ACCESS_TOKEN=x");

        await AssertUnauthorizedAsync(alone, "token_in_url");
        await AssertUnauthorizedAsync(beside, "token_in_url");
        await AssertUnauthorizedAsync(upperCase, "token_in_url");
        Assert.False(beside.Headers.Contains("Link"));
        Assert.DoesNotContain(token, await beside.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(token), SandboxLogText(sandbox), StringComparison.Ordinal);
        Assert.DoesNotContain(token, SandboxLogText(sandbox), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_users_token_is_401()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var token = tokens.GetProperty("accessToken").GetString();
        using var before = await sandbox.DataAsync(token, "/profile");

        using var deleted = await sandbox.AppsAsync(HttpMethod.Delete, "/" + tokens.GetProperty("humanId").GetString());
        using var after = await sandbox.DataAsync(token, "/profile");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertUnauthorizedAsync(after, "invalid_token");
    }

    [Fact]
    public async Task The_demo_token_reads_Human_APIs_demo_user_with_every_demo_source()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        var profile = await sandbox.DataJsonAsync("demo", "/profile");
        var sources = await sandbox.DataJsonAsync("demo", "/sources");
        var medications = await sandbox.DataJsonAsync("demo", "/medical/medications");
        var activity = (await sandbox.DataJsonAsync("demo", "/activities?limit=1"))[0];

        Assert.Equal("5dc2527186aaf9de560e5841f1a44bd6", profile.GetProperty("humanId").GetString());
        Assert.Equal("demo@humanapi.co", profile.GetProperty("email").GetString());
        Assert.Equal(SandboxApp.BothSources, sources.EnumerateArray().Select(s => s.GetProperty("sourceName").GetString()));
        Assert.NotEqual(0, medications.GetArrayLength());
        Assert.Equal("5dc2527186aaf9de560e5841f1a44bd6", activity.GetProperty("humanId").GetString());
    }

    [Fact]
    public async Task No_token_appears_in_any_Link_header_or_log_line_while_a_client_pages_through_everything()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1", SandboxApp.BothSources)).GetProperty("accessToken").GetString()!;

        var linkHeaders = new List<string>();
        foreach (var path in new[] { "/activities?limit=7", "/sleeps/summaries?limit=20&offset=20", "/medical/encounters?limit=1", "/heart_rate/readings?limit=100" })
        {
            Uri? next = new(sandbox.Host.Address, "/sandbox/v1/human" + path);
            while (next is not null)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, next);
                request.Headers.Authorization = new("Bearer", token);
                using var response = await sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                linkHeaders.AddRange(response.Headers.TryGetValues("Link", out var values) ? values : []);
                next = LinkHeader.Parse(response).GetValueOrDefault("next");
            }
        }

        Assert.NotEmpty(linkHeaders);
        Assert.All(linkHeaders, link => Assert.DoesNotContain(Uri.EscapeDataString(token), link, StringComparison.Ordinal));
        Assert.All(linkHeaders, link => Assert.DoesNotContain("access_token", link, StringComparison.OrdinalIgnoreCase));
        var logs = sandbox.Host.AllLogText();
        Assert.Contains("SandboxDataApi", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(token, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(token), logs, StringComparison.Ordinal);
    }

    /// <summary>The sandbox's own log lines (the host's request log prints the URL a caller chose to send).</summary>
    private static string SandboxLogText(SandboxApp sandbox) => string.Join('\n', sandbox.Host.Logs.GetSnapshot()
        .Where(record => record.Category?.StartsWith("HumanConnect.", StringComparison.Ordinal) == true)
        .Select(record => $"{record.Message} {record.Exception}"));

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string errorCode)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(errorCode, (await SandboxApp.ReadJsonAsync(response)).GetProperty("errorCode").GetString());
    }
}
