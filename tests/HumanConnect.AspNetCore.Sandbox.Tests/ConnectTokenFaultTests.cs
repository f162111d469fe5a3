using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.ConnectV2Calls;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>Faults injected into Connect v2's token endpoint: played before anything is minted, for every type.</summary>
public sealed class ConnectTokenFaultTests
{
    [Fact]
    public async Task A_server_error_with_retry_after_answers_once_and_mints_nothing()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        sandbox.Faults.InjectFault(SandboxEndpoint.ConnectToken, SandboxFault.ServerError(503, TimeSpan.FromSeconds(7)));

        using var faulted = await TokenAsync(sandbox.Http, "session", "user-1");
        using var id = await TokenAsync(sandbox.Http, "id", "user-1");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal("text/plain", faulted.Content.Headers.ContentType?.MediaType);
        await AssertErrorAsync(id, HttpStatusCode.NotFound, "user_not_found");
    }

    [Fact]
    public async Task A_malformed_body_is_200_json_that_does_not_parse_and_leaves_the_user_unconnected()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        await ConnectNewUserAsync(sandbox.Http, "user-1");
        sandbox.Faults.InjectFault(SandboxEndpoint.ConnectToken, SandboxFault.MalformedBody);

        using var response = await TokenAsync(sandbox.Http, "access", "user-1");
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var retried = await MintAsync(sandbox.Http, "access", "user-1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.False(string.IsNullOrEmpty(retried.GetProperty("access_token").GetString()));
    }

    [Fact]
    public async Task The_legacy_endpoints_faults_leave_the_token_endpoint_alone_and_All_covers_it()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        sandbox.Faults.InjectFault(SandboxEndpoint.Tokens | SandboxEndpoint.PublicTokens | SandboxEndpoint.DataApi, SandboxFault.ServerError());

        using var untouched = await TokenAsync(sandbox.Http, "session", "user-1");
        sandbox.Faults.InjectFault(SandboxEndpoint.All, SandboxFault.TooManyRequests());
        using var limited = await TokenAsync(sandbox.Http, "session", "user-1");

        Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task The_http_switch_names_the_token_endpoint_token()
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var injected = await sandbox.PostAsync("/sandbox/v1/sandbox/faults", new { endpoint = "token", fault = "serverError", status = 502, count = 2 });
        using var first = await TokenAsync(sandbox.Http, "session", "user-1");
        using var second = await TokenAsync(sandbox.Http, "access", "user-1");
        using var third = await TokenAsync(sandbox.Http, "session", "user-1");

        Assert.Equal(HttpStatusCode.NoContent, injected.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadGateway, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }
}
