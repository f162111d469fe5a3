using HumanConnect.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Tests.Observability;

/// <summary>How the events are configured, and what <see cref="HumanConnectTokensIssuedContext.Reject"/> accepts.</summary>
public sealed class EventsConfigurationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_EventsType_that_is_not_registered_fails_at_start_up()
    {
        var error = await StartFailureAsync(options => options.EventsType = typeof(CountingEvents));

        Assert.Contains(error.Failures, failure => failure.StartsWith("HumanConnect:EventsType names", StringComparison.Ordinal)
            && failure.Contains("services.AddScoped<CountingEvents>()", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_EventsType_that_is_no_HumanConnectEvents_fails_at_start_up()
    {
        var error = await StartFailureAsync(options => options.EventsType = typeof(string));

        Assert.Contains(error.Failures, failure => failure.StartsWith("HumanConnect:EventsType must derive from HumanConnectEvents", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Null_Events_fail_at_start_up()
    {
        var error = await StartFailureAsync(options => options.Events = null!);

        Assert.Contains(error.Failures, failure => failure.StartsWith("HumanConnect:Events must not be null", StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_do_nothing()
    {
        var events = new HumanConnectEvents();
        var httpContext = new DefaultHttpContext();

        Assert.True(events.TokensIssued(new HumanConnectTokensIssuedContext(httpContext, TestData.Alice, TestData.HumanId, "c")).IsCompletedSuccessfully);
        Assert.True(events.Connected(new HumanConnectConnectedContext(httpContext, TestData.Alice, TestData.HumanId)).IsCompletedSuccessfully);
        Assert.True(events.Disconnected(new HumanConnectDisconnectedContext(httpContext, TestData.Alice, null)).IsCompletedSuccessfully);
        Assert.True(events.Failure(new HumanConnectFailureContext(httpContext, TestData.Alice, HumanConnectOperation.Connect, "x")).IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Upper_case")]
    [InlineData("9starts_with_a_digit")]
    [InlineData("has space")]
    [InlineData("has-dash")]
    [InlineData("accentué")]
    public void Reject_refuses_a_code_that_is_not_a_stable_code(string errorCode)
    {
        var context = new HumanConnectTokensIssuedContext(new DefaultHttpContext(), TestData.Alice, TestData.HumanId, "c");

        Assert.Throws<ArgumentException>(() => context.Reject(errorCode));
        Assert.False(context.IsRejected);
    }

    [Fact]
    public void Reject_keeps_the_last_code_and_detail_and_defaults_to_tokens_rejected()
    {
        var context = new HumanConnectTokensIssuedContext(new DefaultHttpContext(), TestData.Alice, TestData.HumanId, "c");
        Assert.Throws<ArgumentException>(() => context.Reject(new string('a', 65)));

        context.Reject();
        Assert.Equal((true, "tokens_rejected", null), (context.IsRejected, context.RejectionErrorCode, context.RejectionDetail));

        context.Reject(new string('a', 64), "Trial accounts cannot connect.");
        Assert.Equal((new string('a', 64), "Trial accounts cannot connect."), (context.RejectionErrorCode, context.RejectionDetail));
    }

    private static async Task<OptionsValidationException> StartFailureAsync(Action<HumanConnectOptions> configure)
    {
        var builder = TestApp.CreateBuilder();
        builder.Services.AddHumanConnect(o =>
        {
            o.ClientId = TestData.ClientId;
            o.ClientSecret = TestData.ClientSecret;
            configure(o);
        });
        await using var app = builder.Build();
        app.MapHumanConnect();
        return await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(Ct));
    }

    private sealed class CountingEvents : HumanConnectEvents;
}
