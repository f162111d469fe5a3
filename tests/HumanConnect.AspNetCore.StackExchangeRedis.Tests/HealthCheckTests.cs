using System.Text.Json;
using HumanConnect.AspNetCore.StackExchangeRedis.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace HumanConnect.AspNetCore.StackExchangeRedis.Tests;

/// <summary>
/// The token store's health check, as the README maps it (<c>/health/ready</c>, the <c>ready</c> tag), over real HTTP,
/// on an instance whose default store is in its own redis-server: Healthy while Redis answers, Unhealthy 503 once it is
/// killed, with a description that names no host, port or exception message, and Healthy again when it is back.
/// </summary>
public sealed class HealthCheckTests : IAsyncLifetime
{
    private RedisServerProcess _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await RedisServerProcess.StartAsync(persistent: false);

    public ValueTask DisposeAsync() => _redis.DisposeAsync();

    public static TheoryData<bool> FailFast => new() { false, true };

    [Theory]
    [MemberData(nameof(FailFast))]
    public async Task Ready_is_healthy_while_Redis_answers_503_unhealthy_while_it_is_down_and_healthy_again_after(bool failFast)
    {
        await using var app = await InstanceApp.StartAsync("HumanConnect.Health",
            redis =>
            {
                if (failFast)
                {
                    // What the README gives for quick 503s: the store throws at once instead of queueing.
                    redis.ConfigurationOptions = new ConfigurationOptions
                    {
                        EndPoints = { { "127.0.0.1", _redis.Port } },
                        ConnectTimeout = 1000, SyncTimeout = 1000, AsyncTimeout = 1000,
                        BacklogPolicy = BacklogPolicy.FailFast, ReconnectRetryPolicy = new LinearRetry(100),
                    };
                }
                else
                {
                    redis.Configuration = _redis.Configuration;
                }
            },
            services: services => services.AddHealthChecks().AddHumanConnectTokenStore(timeout: TimeSpan.FromSeconds(2)),
            map: host => host.MapHealthChecks("/health/ready", new HealthCheckOptions
            {
                Predicate = check => check.Tags.Contains("ready"),
                ResponseWriter = WriteEntriesAsync,
            }));

        var up = await app.GetAsync("/health/ready");
        await _redis.KillAsync();
        var down = await WaitForStatusAsync(app, 503, "the check reports Redis down");
        await _redis.StartAgainAsync();
        var back = await WaitForStatusAsync(app, 200, "the check reports Redis back");

        Assert.Equal(200, up.Status);
        Assert.Equal("Healthy: The Human Connect token store answered.", Entry(up.Body));
        Assert.Contains(Entry(down.Body), (string[])
        [
            "Unhealthy: The Human Connect token store did not answer within 2 s.",
            "Unhealthy: The Human Connect token store failed (RedisConnectionException).",
            "Unhealthy: The Human Connect token store failed (RedisTimeoutException).",
        ]);
        Assert.DoesNotContain(_redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), down.Body, StringComparison.Ordinal);
        Assert.Equal("Healthy: The Human Connect token store answered.", Entry(back.Body));
    }

    private static async Task<(int Status, string Body)> WaitForStatusAsync(InstanceApp app, int status, string what)
    {
        (int Status, string Body) last = default;
        await Eventually.UntilAsync(async () => (last = await app.GetAsync("/health/ready")).Status == status, what, TimeSpan.FromSeconds(30));
        return last;
    }

    private static string Entry(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty(HumanConnectHealthChecksBuilderExtensions.TokenStoreCheckName).GetString()!;

    /// <summary>Each entry's status and description, with the exception's message if one were attached, as a dashboard writer shows them.</summary>
    private static Task WriteEntriesAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(report.Entries.ToDictionary(
            entry => entry.Key,
            entry => $"{entry.Value.Status}: {entry.Value.Description}{entry.Value.Exception?.Message}"), context.RequestAborted);
}
