using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure.TelemetryCapture;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// The library's spans and metrics, read through OpenTelemetry's in-memory exporter while real finishes and refreshes
/// travel over loopback HTTP to the sandbox: their names, kinds, statuses, <c>error.type</c>s and values.
/// </summary>
[Collection(nameof(TelemetryRunsAlone))]
public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_finish_is_an_exchange_span_and_a_store_save_span_under_the_request_counted_as_one_connect()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await StartAsync(telemetry);
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var metrics = telemetry.Metrics();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["HumanConnect exchange", "HumanConnect store save"], telemetry.LibrarySpans.Select(span => span.DisplayName));
        var exchange = telemetry.LibrarySpans[0];
        var save = telemetry.LibrarySpans[1];
        Assert.Equal(ActivityKind.Client, exchange.Kind);
        Assert.Equal(ActivityStatusCode.Unset, exchange.Status);
        Assert.Equal(typeof(HumanConnectOptions).Assembly.GetName().Version!.ToString(3), exchange.Source.Version);
        // The endpoint as configured: UseHumanApiSandbox names a placeholder host that its handler sends to Kestrel's port.
        var endpoint = app.Host.Services.GetRequiredService<IOptionsMonitor<HumanConnectOptions>>().CurrentValue.TokensEndpoint;
        Assert.Equal<KeyValuePair<string, object?>>(
        [
            new("humanconnect.operation", "exchange"), new("http.request.method", "POST"), new("server.address", endpoint.Host),
            new("server.port", endpoint.Port), new("http.response.status_code", 200),
        ], exchange.TagObjects);
        Assert.Equal(ActivityKind.Internal, save.Kind);
        Assert.Equal(ActivityStatusCode.Unset, save.Status);
        Assert.Equal("HumanConnect.AspNetCore.Storage.DistributedCacheHumanTokenStore", save.GetTagItem("humanconnect.store.type"));
        // Both inside the finish request's own span.
        var request = Assert.Single(telemetry.AllSpans, span => span.Source.Name == "Microsoft.AspNetCore" && span.SpanId == exchange.ParentSpanId);
        Assert.Equal(request.SpanId, save.ParentSpanId);

        Assert.Equal(1, CounterValue(metrics, "humanconnect.connects"));
        Assert.False(metrics.ContainsKey("humanconnect.failures"));
        Assert.False(metrics.ContainsKey("humanconnect.refreshes"));
        var duration = metrics["humanconnect.upstream.duration"];
        Assert.Equal("s", duration.Unit);
        var point = Assert.Single(duration.MetricPoints);
        Assert.Equal([("http.response.status_code", (object)200), ("humanconnect.operation", "exchange")], TagsOf(point));
        Assert.Equal(1, point.GetHistogramCount());
        Assert.InRange(point.GetHistogramSum(), double.Epsilon, 10);
    }

    [Fact]
    public async Task A_failed_exchange_fails_its_span_with_the_errorCode_and_counts_one_failure_by_that_code()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await StartAsync(telemetry);
        var alice = await app.SignInAsync(TestData.Alice);
        var session = await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice));
        app.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.ServerError(503));

        using var response = await LibraryApp.FinishAsync(alice, session);
        var metrics = telemetry.Metrics();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var exchange = Assert.Single(telemetry.LibrarySpans);
        Assert.Equal("HumanConnect exchange", exchange.DisplayName);
        Assert.Equal(ActivityStatusCode.Error, exchange.Status);
        Assert.Null(exchange.StatusDescription);
        Assert.Equal("upstream_unavailable", exchange.GetTagItem("error.type"));
        Assert.Equal(503, exchange.GetTagItem("http.response.status_code"));
        Assert.Equal(1, CounterValue(metrics, "humanconnect.failures", ("humanconnect.operation", "connect"), ("error.type", "upstream_unavailable")));
        Assert.Equal(0, CounterValue(metrics, "humanconnect.connects"));
        var point = Assert.Single(metrics["humanconnect.upstream.duration"].MetricPoints);
        Assert.Equal([("error.type", (object)"upstream_unavailable"), ("http.response.status_code", 503), ("humanconnect.operation", "exchange")], TagsOf(point));
    }

    [Fact]
    public async Task A_refresh_is_a_refresh_span_between_the_store_read_and_the_save_counted_once()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await StartAsync(telemetry);
        var alice = await app.SignInAsync(TestData.Alice);
        using var finished = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var afterFinish = telemetry.LibrarySpans.Count;

        using var response = await alice.PostAsync("/connect/public-token", content: null, Ct);
        var metrics = telemetry.Metrics();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refresh = telemetry.LibrarySpans.Skip(afterFinish).ToList();
        Assert.Equal(["HumanConnect store get", "HumanConnect refresh", "HumanConnect store save"], refresh.Select(span => span.DisplayName));
        Assert.Equal("refresh", refresh[1].GetTagItem("humanconnect.operation"));
        Assert.Equal(ActivityKind.Client, refresh[1].Kind);
        Assert.All(refresh, span => Assert.Equal(ActivityStatusCode.Unset, span.Status));
        Assert.Equal(1, CounterValue(metrics, "humanconnect.refreshes"));
        Assert.Equal(1, CounterValue(metrics, "humanconnect.connects"));
        Assert.Equal(["exchange", "refresh"], metrics["humanconnect.upstream.duration"].MetricPoints
            .Select(point => TagsOf(point).Single(tag => tag.Key == "humanconnect.operation").Value).Order());
    }

    [Fact]
    public async Task A_store_that_throws_fails_its_span_with_the_exception_type_and_counts_store_unavailable()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await StartAsync(telemetry, services: services =>
            services.AddSingleton<IHumanTokenStore>(new ThrowingStore()));
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var metrics = telemetry.Metrics();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(["HumanConnect exchange", "HumanConnect store save"], telemetry.LibrarySpans.Select(span => span.DisplayName));
        var save = telemetry.LibrarySpans[1];
        Assert.Equal(ActivityStatusCode.Error, save.Status);
        Assert.Equal(typeof(InvalidOperationException).FullName, save.GetTagItem("error.type"));
        Assert.Equal(typeof(ThrowingStore).FullName, save.GetTagItem("humanconnect.store.type"));
        Assert.Equal(1, CounterValue(metrics, "humanconnect.failures", ("humanconnect.operation", "connect"), ("error.type", "store_unavailable")));
    }

    [Fact]
    public async Task A_connect_the_host_rejects_counts_tokens_rejected_whatever_code_it_answers_and_stores_nothing()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await StartAsync(telemetry, options => options.Events.OnTokensIssued = context =>
        {
            context.Reject("trial_account");
            return Task.CompletedTask;
        });
        var alice = await app.SignInAsync(TestData.Alice);

        using var response = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));
        var metrics = telemetry.Metrics();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["HumanConnect exchange"], telemetry.LibrarySpans.Select(span => span.DisplayName));
        Assert.Equal(1, CounterValue(metrics, "humanconnect.failures", ("humanconnect.operation", "connect"), ("error.type", "tokens_rejected")));
        Assert.Equal(0, CounterValue(metrics, "humanconnect.connects"));
    }

    [Fact]
    public async Task The_meter_is_the_hosts_own_from_its_IMeterFactory()
    {
        var telemetry = new TelemetryCapture();
        await using var app = await StartAsync(telemetry);
        await using var other = await LibraryApp.StartAsync();
        using var collector = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<long>(
            app.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TelemetryCapture.Name, "humanconnect.connects");
        var bob = await other.SignInAsync(TestData.Bob);

        using var elsewhere = await LibraryApp.FinishAsync(bob, await other.CreateSessionAsync(other.ClientUserIdOf(TestData.Bob)));
        var alice = await app.SignInAsync(TestData.Alice);
        using var here = await LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(TestData.Alice)));

        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, here.StatusCode);
        Assert.Equal(1, Assert.Single(collector.GetMeasurementSnapshot()).Value);
        Assert.Equal(typeof(HumanConnectOptions).Assembly.GetName().Version!.ToString(3), collector.Instrument!.Meter.Version);
    }

    internal static async Task<LibraryApp> StartAsync(
        TelemetryCapture telemetry, Action<HumanConnectOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var app = await LibraryApp.StartAsync(configure: configure, services: all =>
        {
            telemetry.AddTo(all);
            services?.Invoke(all);
        });
        telemetry.Attach(app.Host.Services);
        return app;
    }

    /// <summary>A store that fails every call, with a message quoting what it was given: the user and the tokens.</summary>
    internal sealed class ThrowingStore : IHumanTokenStore
    {
        public Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"SELECT failed for {localUserId}");

        public Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"INSERT failed for {localUserId}: {JsonSerializer.Serialize(new { tokens.AccessToken, tokens.PublicToken })}");

        public Task RemoveAsync(string localUserId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"DELETE failed for {localUserId}");
    }
}
