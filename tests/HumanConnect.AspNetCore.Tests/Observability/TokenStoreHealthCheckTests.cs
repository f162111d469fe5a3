using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HumanConnect.AspNetCore.Tests.Observability;

/// <summary>
/// <c>AddHumanConnectTokenStore</c> as a host maps it behind a readiness endpoint: the store answering is Healthy, a
/// throwing or silent store is Unhealthy (503), and the description names an exception type, never its message.
/// The Redis tests stop a real redis-server under it.
/// </summary>
public sealed class TokenStoreHealthCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_default_store_answering_is_healthy_under_the_default_name_and_the_ready_tag()
    {
        await using var app = await StartAsync(checks => checks.AddHumanConnectTokenStore());

        var (status, report) = await GetReadyAsync(app);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        var entry = report.GetProperty("entries").GetProperty(HumanConnectHealthChecksBuilderExtensions.TokenStoreCheckName);
        Assert.Equal("Healthy", entry.GetProperty("status").GetString());
        Assert.Equal(["humanconnect", "ready"], entry.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        Assert.Equal("The Human Connect token store answered.", entry.GetProperty("description").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_throwing_store_is_unhealthy_503_and_its_message_is_neither_answered_nor_logged()
    {
        var backend = new HostTokenStoreBackend { FailGets = true, FailureDetail = $" SELECT failed near '{TestData.AccessToken}'." };
        await using var app = await StartAsync(checks => checks.AddHumanConnectTokenStore(), backend);

        var (status, report) = await GetReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var entry = report.GetProperty("entries").GetProperty(HumanConnectHealthChecksBuilderExtensions.TokenStoreCheckName);
        Assert.Equal("Unhealthy", entry.GetProperty("status").GetString());
        Assert.Equal("The Human Connect token store failed (InvalidOperationException).", entry.GetProperty("description").GetString());
        Assert.False(entry.TryGetProperty("exception", out _));
        // The probe read a reserved id, in the check's own scope (HostTokenStore is scoped).
        Assert.Equal(["get HumanConnect.AspNetCore:health-probe"], backend.Calls);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => record.Exception is not null);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_store_that_never_answers_is_unhealthy_once_the_timeout_passes()
    {
        await using var app = await StartAsync(checks => checks.AddHumanConnectTokenStore(timeout: TimeSpan.FromMilliseconds(200)),
            store: new SilentStore());

        var (status, report) = await GetReadyAsync(app);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var entry = report.GetProperty("entries").GetProperty(HumanConnectHealthChecksBuilderExtensions.TokenStoreCheckName);
        Assert.Equal("The Human Connect token store did not answer within 0.2 s.", entry.GetProperty("description").GetString());
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task Name_tags_and_failure_status_are_the_hosts_to_choose()
    {
        var backend = new HostTokenStoreBackend { FailGets = true };
        await using var app = await StartAsync(checks => checks.AddHumanConnectTokenStore("tokens", HealthStatus.Degraded, ["ready", "store"]), backend);

        var (status, report) = await GetReadyAsync(app);

        // Degraded answers 200 by default: the host chose to keep serving with its store down.
        Assert.Equal(HttpStatusCode.OK, status);
        var entry = report.GetProperty("entries").GetProperty("tokens");
        Assert.Equal("Degraded", entry.GetProperty("status").GetString());
        Assert.Equal(["ready", "store"], entry.GetProperty("tags").EnumerateArray().Select(tag => tag.GetString()));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var checks = new ServiceCollection().AddHealthChecks();
        Assert.Throws<ArgumentException>(() => checks.AddHumanConnectTokenStore(name: ""));
        Assert.Throws<ArgumentOutOfRangeException>(() => checks.AddHumanConnectTokenStore(timeout: TimeSpan.Zero));
    }

    private static Task<TestApp> StartAsync(Action<IHealthChecksBuilder> addChecks, HostTokenStoreBackend? backend = null, IHumanTokenStore? store = null) =>
        TestApp.StartAsync(
            humanConnect: connect =>
            {
                if (backend is not null)
                {
                    connect.AddTokenStore<HostTokenStore>();
                }
                else if (store is not null)
                {
                    connect.AddTokenStore(_ => store, ServiceLifetime.Singleton);
                }
            },
            services: services =>
            {
                if (backend is not null)
                {
                    services.AddSingleton(backend);
                }

                addChecks(services.AddHealthChecks());
            },
            map: app =>
            {
                app.MapHumanConnect();
                app.MapHealthChecks("/health/ready", new HealthCheckOptions
                {
                    Predicate = check => check.Tags.Contains("ready"),
                    ResponseWriter = WriteReportAsync,
                });
            });

    private static async Task<(HttpStatusCode Status, JsonElement Report)> GetReadyAsync(TestApp app)
    {
        using var response = await app.Client.GetAsync("/health/ready", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>A detailed writer, as hosts add for dashboards: every entry's status, description, tags and exception message.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new Dictionary<string, object?>
        {
            ["status"] = report.Status.ToString(),
            ["entries"] = report.Entries.ToDictionary(entry => entry.Key, entry => new Dictionary<string, object?>
            {
                ["status"] = entry.Value.Status.ToString(),
                ["description"] = entry.Value.Description,
                ["tags"] = entry.Value.Tags,
                ["data"] = entry.Value.Data,
                ["exception"] = entry.Value.Exception?.Message,
            }.Where(pair => pair.Value is not null).ToDictionary()),
        }, context.RequestAborted);

    /// <summary>A store whose reads never complete and ignore cancellation, as a client stuck on a dead connection may.</summary>
    private sealed class SilentStore : IHumanTokenStore
    {
        public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken) => new TaskCompletionSource<HumanTokens?>().Task;

        public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task RemoveAsync(string localUserId, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
