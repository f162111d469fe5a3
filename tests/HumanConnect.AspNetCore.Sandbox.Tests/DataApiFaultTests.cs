using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Faults injected into the data API and the Application API, as into the token endpoints.</summary>
public sealed class DataApiFaultTests
{
    [Fact]
    public async Task Too_many_requests_answers_429_with_Retry_After_then_the_data_API_answers_again()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();
        sandbox.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.TooManyRequests(TimeSpan.FromSeconds(29.2)));

        using var limited = await sandbox.DataAsync(token, "/activities");
        using var healthy = await sandbox.DataAsync(token, "/activities");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), limited.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task A_server_error_with_Retry_After_faults_the_data_API_for_its_count_only()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var token = (await sandbox.ConnectNewUserAsync("user-1")).GetProperty("accessToken").GetString();
        sandbox.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.ServerError(503, TimeSpan.FromSeconds(2)), count: 2);

        using var first = await sandbox.DataAsync(token, "/profile");
        using var tokensMeanwhile = await sandbox.PublicTokensAsync((await sandbox.ConnectNewUserAsync("user-2")).GetProperty("humanId").GetString()!);
        using var second = await sandbox.DataAsync(token, "/profile");
        using var third = await sandbox.DataAsync(token, "/profile");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), first.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, tokensMeanwhile.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task A_malformed_body_is_200_json_that_does_not_parse()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        sandbox.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.MalformedBody);

        using var response = await sandbox.DataAsync("demo", "/activities");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Latency_delays_the_data_API_and_a_hang_lasts_until_the_caller_gives_up()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        sandbox.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.Latency(TimeSpan.FromMilliseconds(250)));
        var started = Stopwatch.GetTimestamp();
        using var delayed = await sandbox.DataAsync("demo", "/profile");
        var elapsed = Stopwatch.GetElapsedTime(started);

        sandbox.Faults.InjectFault(SandboxEndpoint.DataApi, SandboxFault.Hang);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sandbox/v1/human/profile");
        request.Headers.Authorization = new("Bearer", "demo");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sandbox.Http.SendAsync(request, giveUp.Token));

        Assert.Equal(HttpStatusCode.OK, delayed.StatusCode);
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(240), $"answered after {elapsed.TotalMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, (await sandbox.DataAsync("demo", "/profile")).StatusCode);
    }

    [Fact]
    public async Task A_faulted_delete_deletes_nobody()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");
        var humanId = tokens.GetProperty("humanId").GetString();
        sandbox.Faults.InjectFault(SandboxEndpoint.ApplicationApi, SandboxFault.ServerError(502));

        using var faulted = await sandbox.AppsAsync(HttpMethod.Delete, "/" + humanId);
        using var data = await sandbox.DataAsync(tokens.GetProperty("accessToken").GetString(), "/profile");
        using var deleted = await sandbox.AppsAsync(HttpMethod.Delete, "/" + humanId);

        Assert.Equal(HttpStatusCode.BadGateway, faulted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task The_fault_switch_over_http_names_data_and_apps_and_All_covers_them()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var injectData = await sandbox.PostAsync("/sandbox/v1/sandbox/faults", new { endpoint = "data", fault = "tooManyRequests", retryAfterSeconds = 5 });
        using var data = await sandbox.DataAsync("demo", "/profile");
        using var injectApps = await sandbox.PostAsync("/sandbox/v1/sandbox/faults", new { endpoint = "apps", fault = "serverError", status = 500 });
        using var apps = await sandbox.AppsAsync(HttpMethod.Get);
        sandbox.Faults.InjectFault(SandboxEndpoint.All, SandboxFault.ServerError(504));
        using var dataAll = await sandbox.DataAsync("demo", "/profile");
        using var appsAll = await sandbox.AppsAsync(HttpMethod.Get);
        using var invalid = await sandbox.PostAsync("/sandbox/v1/sandbox/faults", new { endpoint = "data", fault = "tooManyRequests", retryAfterSeconds = -1 });

        Assert.Equal(HttpStatusCode.NoContent, injectData.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, data.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), data.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NoContent, injectApps.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, apps.StatusCode);
        Assert.Null(apps.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.GatewayTimeout, dataAll.StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, appsAll.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
    }

    [Fact]
    public void Retry_After_is_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.TooManyRequests(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SandboxFault.ServerError(503, TimeSpan.FromDays(2)));
        Assert.Equal(429, SandboxFault.TooManyRequests().StatusCode);
        Assert.Null(SandboxFault.TooManyRequests().RetryAfter);
    }
}
