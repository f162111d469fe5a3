using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>
/// Every span (the request spans included), span event, link, baggage item and metric tag a host's OpenTelemetry
/// receives, serialised after finishes, replays, refreshes, a rejection, another user's session, an upstream fault, a refresh of nobody's record and
/// button renders: none holds the client secret, the App Key, a token Human API issued, a session token, a local user id
/// or the clientUserId derived from it. The tokens are taken off the wire, so even ones never stored are looked for.
/// </summary>
[Collection(nameof(TelemetryRunsAlone))]
public sealed class TelemetryLeakTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_span_event_link_baggage_or_metric_tag_holds_a_secret_a_token_or_a_local_user_id()
    {
        var aliceId = $"alice-{Guid.NewGuid():N}@example.test";
        var malloryId = $"mallory-{Guid.NewGuid():N}@example.test";
        var carolId = $"carol-{Guid.NewGuid():N}@example.test";
        var daveId = $"dave-{Guid.NewGuid():N}@example.test";
        var wire = new WireRecorder();
        var rejectNext = false;
        var telemetry = new TelemetryCapture();
        await using var app = await TelemetryTests.StartAsync(telemetry,
            options => options.Events.OnTokensIssued = context =>
            {
                if (rejectNext)
                {
                    context.Reject("trial_account", "Trial accounts cannot link health data.");
                }

                return Task.CompletedTask;
            },
            services => services.AddHttpClient("HumanConnect.HumanApi").AddHttpMessageHandler(() => wire));
        var alice = await app.SignInAsync(aliceId);
        var mallory = await app.SignInAsync(malloryId);
        var dave = await app.SignInAsync(daveId);

        var first = await app.CreateSessionAsync(app.ClientUserIdOf(aliceId));
        await AssertStatusAsync(HttpStatusCode.OK, LibraryApp.FinishAsync(alice, first));
        await AssertStatusAsync(HttpStatusCode.OK, LibraryApp.FinishAsync(alice, first));
        await AssertStatusAsync(HttpStatusCode.OK, alice.PostAsync("/connect/public-token", content: null, Ct));
        var stored = (await app.StoredTokensOf(aliceId))!;
        rejectNext = true;
        await AssertStatusAsync(HttpStatusCode.Forbidden, LibraryApp.FinishAsync(alice, await app.CreateSessionAsync(app.ClientUserIdOf(aliceId), stored.PublicToken)));
        rejectNext = false;
        await AssertStatusAsync(HttpStatusCode.Forbidden, LibraryApp.FinishAsync(mallory, await app.CreateSessionAsync(app.ClientUserIdOf(carolId))));
        app.Faults.InjectFault(SandboxEndpoint.Tokens, SandboxFault.ServerError(503));
        await AssertStatusAsync(HttpStatusCode.BadGateway, LibraryApp.FinishAsync(dave, await app.CreateSessionAsync(app.ClientUserIdOf(daveId))));
        await AssertStatusAsync(HttpStatusCode.NotFound, mallory.PostAsync("/connect/public-token", content: null, Ct));
        Assert.False((await LibraryApp.RenderButtonAsync(alice)).Disabled);
        Assert.False((await LibraryApp.RenderButtonAsync(mallory)).Disabled);

        var texts = telemetry.AllSpans.Select(Describe).Concat(telemetry.Metrics().Values.Select(Describe)).ToList();
        string[] secrets =
        [
            HumanApiSandboxDefaults.ClientSecret, HumanApiSandboxDefaults.AppKey, aliceId, malloryId, carolId, daveId,
            app.ClientUserIdOf(aliceId), app.ClientUserIdOf(malloryId), app.ClientUserIdOf(carolId), app.ClientUserIdOf(daveId), stored.AccessToken, stored.PublicToken!, .. wire.Secrets,
        ];

        // The scan looks at what matters: the library's spans with their tags, and its instruments.
        Assert.Contains(texts, text => text.Contains("HumanConnect exchange", StringComparison.Ordinal) && text.Contains("error.type=upstream_unavailable", StringComparison.Ordinal));
        Assert.Contains(texts, text => text.StartsWith("metric humanconnect.failures", StringComparison.Ordinal) && text.Contains("error.type=client_user_mismatch", StringComparison.Ordinal));
        // Four exchanges were sent (the replay was not); three answered tokens (the faulted one did not), and one refresh did.
        Assert.Equal(4, wire.SessionTokens);
        Assert.Equal(4 + (3 * 2) + 1, wire.Secrets.Count);
        var leaks = (from text in texts from secret in secrets.Distinct() where text.Contains(secret, StringComparison.Ordinal) select text).ToList();
        Assert.True(leaks.Count == 0, "telemetry carries a secret:\n" + string.Join('\n', leaks));
    }

    private static async Task AssertStatusAsync(HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.Equal(expected, response.StatusCode);
    }

    /// <summary>Everything an exporter could send of a span.</summary>
    private static string Describe(Activity span) => string.Join('\n',
    [
        $"span {span.DisplayName} {span.OperationName} {span.Kind} {span.Status} {span.StatusDescription} {span.Source.Name} {span.TraceStateString}",
        .. span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"),
        .. span.Events.SelectMany(e => e.Tags.Select(tag => $"event {e.Name} {tag.Key}={tag.Value}").Prepend($"event {e.Name}")),
        .. span.Links.SelectMany(link => (link.Tags ?? []).Select(tag => $"link {tag.Key}={tag.Value}")),
        .. span.Baggage.Select(item => $"baggage {item.Key}={item.Value}"),
    ]);

    /// <summary>Everything an exporter could send of a metric, but the numbers.</summary>
    private static string Describe(MetricSnapshot metric) => string.Join('\n',
    [
        $"metric {metric.Name} {metric.Description} {metric.Unit} {metric.MeterName}",
        .. metric.MetricPoints.Select(point => string.Join(' ', TelemetryCapture.TagsOf(point).Select(tag => $"{tag.Key}={tag.Value}"))),
    ]);

    /// <summary>Takes every session token sent to Human API and every token it answered off the wire.</summary>
    private sealed class WireRecorder : DelegatingHandler
    {
        private readonly ConcurrentQueue<string> _secrets = new();
        private int _sessionTokens;

        public IReadOnlyList<string> Secrets => [.. _secrets];

        public int SessionTokens => _sessionTokens;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await request.Content!.LoadIntoBufferAsync(cancellationToken);
            Take(await request.Content.ReadAsStringAsync(cancellationToken), "sessionToken");
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            Take(await response.Content.ReadAsStringAsync(cancellationToken), "accessToken", "publicToken");
            return response;
        }

        private void Take(string json, params string[] names)
        {
            if (!json.StartsWith('{'))
            {
                return;
            }

            foreach (var property in JsonDocument.Parse(json).RootElement.EnumerateObject().Where(p => names.Contains(p.Name)))
            {
                _secrets.Enqueue(property.Value.GetString()!);
                if (property.Name == "sessionToken")
                {
                    Interlocked.Increment(ref _sessionTokens);
                }
            }
        }
    }
}
