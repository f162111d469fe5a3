using System.Net;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>What the sandbox holds is bounded: open sessions in number, clientUserIds in length.</summary>
public sealed class BoundsTests
{
    [Theory]
    [InlineData("/sandbox/v1/ui/open")]
    [InlineData("/sandbox/v1/connect/sessions")]
    public async Task A_clientUserId_longer_than_256_characters_is_a_legacy_400_and_256_is_fine(string path)
    {
        await using var sandbox = await SandboxApp.StartAsync();

        using var tooLong = await sandbox.PostAsync(path, Request(new string('u', SandboxUsers.MaxClientUserIdLength + 1)));
        using var longest = await sandbox.PostAsync(path, Request(new string('u', SandboxUsers.MaxClientUserIdLength)));
        var error = await SandboxApp.ReadJsonAsync(tooLong);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("CLIENT_USER_ID_TOO_LONG", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.Contains("256", error.GetProperty("detailedMessage").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Fact]
    public async Task A_long_clientUserId_is_refused_in_edit_mode_too()
    {
        await using var sandbox = await SandboxApp.StartAsync();
        var tokens = await sandbox.ConnectNewUserAsync("user-1");

        using var response = await sandbox.PostAsync("/sandbox/v1/ui/open", new
        {
            clientUserId = new string('u', SandboxUsers.MaxClientUserIdLength + 1),
            publicToken = tokens.GetProperty("publicToken").GetString(),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("CLIENT_USER_ID_TOO_LONG", (await SandboxApp.ReadJsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public void Open_sessions_are_capped_live_ones_resume_and_expired_ones_make_room()
    {
        // In-process: ten thousand HTTP round trips would prove nothing more than these calls do.
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var state = new SandboxState(Options.Create(new HumanApiSandboxOptions()), time, NullLogger<SandboxState>.Instance);
        var first = state.Open(new UiOpenRequest(HumanApiSandboxDefaults.ClientId, "user-0", null, null)).Value!;
        for (var i = 1; i < SandboxSessions.MaxOpenSessions; i++)
        {
            Assert.NotNull(state.Open(new UiOpenRequest(HumanApiSandboxDefaults.ClientId, $"user-{i}", null, null)).Value);
        }

        var refused = state.Open(new UiOpenRequest(HumanApiSandboxDefaults.ClientId, "one-too-many", null, null));
        var resumed = state.Open(new UiOpenRequest(HumanApiSandboxDefaults.ClientId, "user-0", null, first.SessionToken));
        time.Advance(HumanApiSandboxDefaults.ConnectSessionLifetime);
        var afterExpiry = state.Open(new UiOpenRequest(HumanApiSandboxDefaults.ClientId, "one-too-many", null, null));

        Assert.Null(refused.Value);
        Assert.Equal(503, refused.Error!.Status);
        Assert.Equal("TOO_MANY_SESSIONS", refused.Error.Body.Code);
        Assert.Equal(first.SessionToken, resumed.Value?.SessionToken);
        Assert.NotNull(afterExpiry.Value);
    }

    private static object Request(string clientUserId) => new
    {
        clientId = HumanApiSandboxDefaults.ClientId,
        clientSecret = HumanApiSandboxDefaults.ClientSecret,
        clientUserId,
    };
}
