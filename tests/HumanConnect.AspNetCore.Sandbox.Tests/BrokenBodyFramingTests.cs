using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Bodies whose HTTP framing is broken, too large, too slow or cut off, written over a raw socket: each is a 4xx in the
/// legacy error shape, never a 500, and a client that vanished gets nothing and raises nothing.
/// </summary>
public sealed class BrokenBodyFramingTests
{
    private const string Tokens = "/sandbox/v1/connect/tokens";

    [Theory]
    [InlineData("zz\r\n{}\r\n0\r\n\r\n")]
    [InlineData("FFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n")]
    [InlineData("2\r\n{}XX0\r\n\r\n")]
    public async Task Broken_chunked_encoding_is_a_legacy_400(string chunks)
    {
        await using var sandbox = await SandboxApp.StartAsync();
        using var http = await RawHttp.ConnectAsync(sandbox.Host.Address);

        await http.SendAsync(RawHttp.Head(Tokens, "Transfer-Encoding: chunked") + chunks);
        var response = await http.ReadResponseAsync();

        Assert.Equal(StatusCodes.Status400BadRequest, response.Status);
        AssertLegacyError(response, "INVALID_REQUEST");
    }

    [Theory]
    [InlineData("/sandbox/v1/connect/tokens")]
    [InlineData("/sandbox/v1/connect/publictokens")]
    [InlineData("/sandbox/v1/connect/sessions")]
    [InlineData("/sandbox/v1/sandbox/faults")]
    [InlineData("/sandbox/v1/ui/open")]
    [InlineData("/sandbox/v1/ui/source")]
    [InlineData("/sandbox/v1/ui/done")]
    public async Task A_chunked_body_over_16_KiB_is_a_legacy_413(string path)
    {
        // Written whole before the answer is read: Kestrel stops reading at the limit, answers, and closes.
        await using var sandbox = await SandboxApp.StartAsync();
        using var http = await RawHttp.ConnectAsync(sandbox.Host.Address);
        var chunk = "{\"humanId\":\"" + new string('h', 9000) + "\"";

        await http.SendAsync(RawHttp.Head(path, "Transfer-Encoding: chunked")
            + $"{chunk.Length:X}\r\n{chunk}\r\n{chunk.Length:X}\r\n{chunk}\r\n1\r\n}}\r\n0\r\n\r\n");
        var response = await http.ReadResponseAsync();

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, response.Status);
        AssertLegacyError(response, "BODY_TOO_LARGE");
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_a_legacy_408()
    {
        // The shortest grace Kestrel allows, so the test waits about two seconds for the server's verdict, not more.
        await using var sandbox = await SandboxApp.StartAsync(configureServices: services => services.Configure<KestrelServerOptions>(
            options => options.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(1.5))));
        using var http = await RawHttp.ConnectAsync(sandbox.Host.Address);

        await http.SendAsync(RawHttp.Head(Tokens, "Content-Length: 100") + "{\"humanId\":");
        var response = await http.ReadResponseAsync();

        Assert.Equal(StatusCodes.Status408RequestTimeout, response.Status);
        AssertLegacyError(response, "REQUEST_TIMEOUT");
    }

    [Theory]
    [InlineData("/sandbox/v1/connect/tokens")]
    [InlineData("/sandbox/v1/ui/open")]
    [InlineData("/sandbox/v1/sandbox/faults")]
    public async Task A_client_that_resets_the_connection_mid_body_gets_no_answer_and_the_endpoint_raises_nothing(string path)
    {
        await using var sandbox = await StartObservedAsync();
        var http = await RawHttp.ConnectAsync(sandbox.App.Host.Address);

        await http.SendAsync(RawHttp.Head(path, "Content-Length: 100") + "{\"humanId\":");
        await sandbox.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        http.Reset();
        http.Dispose();
        var outcome = await sandbox.Outcome.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Escaped);
        Assert.False(outcome.Answered, $"the sandbox answered {outcome.Status} to a client that had gone");
    }

    [Fact]
    public async Task A_client_that_half_closes_mid_body_raises_nothing_and_is_never_answered_500()
    {
        // Kestrel drops the connection on the client's FIN, so whatever the sandbox answers reaches no one: what counts
        // is that the endpoint neither throws nor answers 500.
        await using var sandbox = await StartObservedAsync();
        using var http = await RawHttp.ConnectAsync(sandbox.App.Host.Address);

        await http.SendAsync(RawHttp.Head(Tokens, "Content-Length: 100") + "{\"humanId\":");
        await sandbox.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        http.EndSending();
        var outcome = await sandbox.Outcome.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Null(outcome.Escaped);
        Assert.NotEqual(StatusCodes.Status500InternalServerError, outcome.Status);
    }

    /// <summary>The sandbox behind a middleware that reports when the request arrives and how it ended.</summary>
    private static async Task<ObservedSandbox> StartObservedAsync()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var outcome = new TaskCompletionSource<Outcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var app = await SandboxApp.StartAsync(beforeMap: app => app.Use(async (context, next) =>
        {
            arrived.TrySetResult();
            try
            {
                await next(context);
                outcome.TrySetResult(new(null, context.Response.HasStarted, context.Response.StatusCode));
            }
            catch (Exception ex)
            {
                outcome.TrySetResult(new(ex, context.Response.HasStarted, context.Response.StatusCode));
                throw;
            }
        }));
        return new ObservedSandbox(app, arrived, outcome);
    }

    private static void AssertLegacyError(RawResponse response, string code)
    {
        Assert.StartsWith("application/json", response.Headers["Content-Type"], StringComparison.Ordinal);
        var error = response.Json();
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("detailedMessage").GetString()));
    }

    private sealed record Outcome(Exception? Escaped, bool Answered, int Status);

    private sealed record ObservedSandbox(SandboxApp App, TaskCompletionSource Arrived, TaskCompletionSource<Outcome> Outcome) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => App.DisposeAsync();
    }
}
