using System.Diagnostics;
using HumanConnect.AspNetCore.Flow;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Tests.Observability;

/// <summary>
/// What the flow's disconnect reports, tested on the two pieces it is built from, ahead of the endpoint: the store
/// removal's span (<see cref="FlowStore.RemoveAsync"/>) and <see cref="FlowEvents.DisconnectedAsync"/>, which counts the
/// disconnect and raises OnDisconnected.
/// </summary>
public sealed class DisconnectReportingTests
{
    private static readonly ActivitySource TestSource = new("HumanConnect.Tests.Disconnect");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisconnectedAsync_raises_OnDisconnected_with_the_user_and_the_humanId_and_counts_one_disconnect()
    {
        HumanConnectDisconnectedContext? raised = null;
        await using var app = await TestApp.StartAsync(options => options.Events.OnDisconnected = context =>
        {
            raised = context;
            return Task.CompletedTask;
        });
        using var disconnects = new MetricCollector<long>(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            "HumanConnect.AspNetCore", "humanconnect.disconnects");
        await using var scope = app.Services.CreateAsyncScope();
        var httpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        await app.Services.GetRequiredService<FlowEvents>().DisconnectedAsync(httpContext, TestData.Alice, TestData.HumanId);

        Assert.NotNull(raised);
        Assert.Same(httpContext, raised.HttpContext);
        Assert.Equal(TestData.Alice, raised.LocalUserId);
        Assert.Equal(TestData.HumanId, raised.HumanId);
        Assert.Equal(1, Assert.Single(disconnects.GetMeasurementSnapshot()).Value);
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task A_throwing_OnDisconnected_is_logged_by_type_and_does_not_fail_the_disconnect()
    {
        await using var app = await TestApp.StartAsync(options => options.Events.OnDisconnected =
            context => throw new InvalidOperationException($"sync cleanup failed for {context.LocalUserId}"));
        await using var scope = app.Services.CreateAsyncScope();

        await app.Services.GetRequiredService<FlowEvents>().DisconnectedAsync(
            new DefaultHttpContext { RequestServices = scope.ServiceProvider }, TestData.Alice, humanId: null);

        var failure = Assert.Single(app.Logs.GetSnapshot(), record => record.Id.Name == "EventHandlerFailed");
        Assert.Equal(80, failure.Id.Id);
        Assert.Equal(LogLevel.Error, failure.Level);
        Assert.Contains("OnDisconnected", failure.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), failure.Message, StringComparison.Ordinal);
        Assert.Null(failure.Exception);
        Assert.DoesNotContain(app.Logs.GetSnapshot(), record => record.Message.Contains(TestData.Alice, StringComparison.Ordinal));
        app.AssertCleanUpstreamAndNoLeaks();
    }

    [Fact]
    public async Task The_store_removal_is_a_span_and_a_failed_one_carries_the_exception_type_only()
    {
        var backend = new HostTokenStoreBackend();
        backend.Records[TestData.Alice] = TestData.StoredTokens();
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        await using var app = await TestApp.StartAsync(
            humanConnect: connect => connect.AddTokenStore<HostTokenStore>(),
            services: services => services.AddSingleton(backend));
        await using var scope = app.Services.CreateAsyncScope();
        var store = new FlowStore(scope.ServiceProvider.GetRequiredService<IHumanTokenStore>(), app.Services.GetRequiredService<ILogger<DisconnectReportingTests>>());

        HumanConnectOutcome removed, failed;
        using (TestSource.StartActivity("test"))
        {
            removed = await store.RemoveAsync(TestData.Alice, Ct);
            backend.FailRemoves = true;
            backend.FailureDetail = " for " + TestData.Alice;
            failed = await store.RemoveAsync(TestData.Bob, Ct);
        }

        Assert.True(removed.Succeeded);
        Assert.False(backend.Records.ContainsKey(TestData.Alice));
        Assert.Equal(HumanConnectFailure.StoreUnavailable, failed.Failure);
        Assert.Collection(spans,
            span =>
            {
                Assert.Equal("HumanConnect store remove", span.DisplayName);
                Assert.Equal(ActivityStatusCode.Unset, span.Status);
                Assert.Equal(typeof(HostTokenStore).FullName, span.GetTagItem("humanconnect.store.type"));
            },
            span =>
            {
                Assert.Equal("HumanConnect store remove", span.DisplayName);
                Assert.Equal(ActivityStatusCode.Error, span.Status);
                Assert.Null(span.StatusDescription);
                Assert.Equal(typeof(InvalidOperationException).FullName, span.GetTagItem("error.type"));
            });
        app.AssertCleanUpstreamAndNoLeaks();
    }

    /// <summary>The library's spans started under this test's own <see cref="TestSource"/> span, whatever other tests do meanwhile.</summary>
    private static ActivityListener Listen(List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "HumanConnect.AspNetCore" or "HumanConnect.Tests.Disconnect",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "HumanConnect.AspNetCore" && activity.Parent?.Source == TestSource)
                {
                    lock (spans)
                    {
                        spans.Add(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
