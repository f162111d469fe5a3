using System.Diagnostics;
using System.Diagnostics.Metrics;
using HumanConnect.AspNetCore.Internal;

namespace HumanConnect.AspNetCore.Diagnostics;

/// <summary>
/// The library's traces and metrics: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>, both from the framework (no OpenTelemetry dependency). A host turns them on with
/// <c>AddSource("HumanConnect.AspNetCore")</c> and <c>AddMeter("HumanConnect.AspNetCore")</c>; the README lists
/// every span, instrument and tag.
/// </summary>
/// <remarks>
/// No tag holds a token, the client secret, a session token or a local user id: tags are operation names, error codes,
/// HTTP statuses, Human API's host name and type names, nothing a request supplied. The meter comes from the host's
/// <see cref="IMeterFactory"/>, so each host (and each test) has its own instruments.
/// </remarks>
internal sealed class HumanConnectTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "HumanConnect.AspNetCore";

    /// <summary>Values of <see cref="Tags.Operation"/> on Human API calls (spans and the duration histogram).</summary>
    public static class Upstream
    {
        public const string Exchange = "exchange";
        public const string Refresh = "refresh";
        public const string Disconnect = "disconnect";
        public const string Data = "data";
    }

    /// <summary>Values of <see cref="Tags.Operation"/> on <c>humanconnect.failures</c>: what the user was doing.</summary>
    public static class Flows
    {
        public const string Connect = "connect";
        public const string Refresh = "refresh";
        public const string Disconnect = "disconnect";
        public const string Data = "data";
    }

    /// <summary>Store operations, in the store spans' names.</summary>
    public static class Store
    {
        public const string Get = "get";
        public const string Save = "save";
        public const string Remove = "remove";
    }

    /// <summary>Tag names: OpenTelemetry's semantic conventions where one fits, <c>humanconnect.*</c> otherwise.</summary>
    public static class Tags
    {
        public const string Operation = "humanconnect.operation";
        public const string StoreType = "humanconnect.store.type";
        public const string ErrorType = "error.type";
        public const string HttpMethod = "http.request.method";
        public const string HttpStatusCode = "http.response.status_code";
        public const string ServerAddress = "server.address";
        public const string ServerPort = "server.port";
    }

    /// <summary>Started spans go here; static, as the framework's own sources are (listeners filter by name).</summary>
    internal static readonly ActivitySource Source = new(Name, ReleaseVersion.Value);

    // The bounds OpenTelemetry recommends for HTTP client durations, in seconds: the default ones are for milliseconds.
    private static readonly double[] DurationBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

    private readonly Counter<long> _connects;
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _disconnects;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _upstreamDuration;

    public HumanConnectTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(new MeterOptions(Name) { Version = ReleaseVersion.Value });
        _connects = meter.CreateCounter<long>("humanconnect.connects", "{connect}",
            "Connects completed: a session token exchanged and the user's tokens stored.");
        _refreshes = meter.CreateCounter<long>("humanconnect.refreshes", "{refresh}",
            "publicTokens fetched from Human API and stored (POST public-token, and the button healing a lost one).");
        _disconnects = meter.CreateCounter<long>("humanconnect.disconnects", "{disconnect}",
            "Users disconnected: their record removed.");
        _failures = meter.CreateCounter<long>("humanconnect.failures", "{failure}",
            "Connects, refreshes, disconnects and data calls that failed, by operation and error.type (the errorCode).");
        _upstreamDuration = meter.CreateHistogram("humanconnect.upstream.duration", "s",
            "How long each call to Human API took, by operation.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public void RecordConnect() => _connects.Add(1);

    public void RecordRefresh() => _refreshes.Add(1);

    public void RecordDisconnect() => _disconnects.Add(1);

    /// <summary>Counts a failed operation under <paramref name="errorType"/>.</summary>
    /// <param name="operation">One of <see cref="Flows"/>.</param>
    /// <param name="errorType">An errorCode (<see cref="HumanConnectErrorCodes"/>), or an exception's type name: never a message.</param>
    public void RecordFailure(string operation, string errorType) =>
        _failures.Add(1, new KeyValuePair<string, object?>(Tags.Operation, operation), new KeyValuePair<string, object?>(Tags.ErrorType, errorType));

    /// <summary>
    /// Starts one call to Human API: a client span <c>HumanConnect {operation}</c>, and on dispose one measurement of
    /// <c>humanconnect.upstream.duration</c>. Dispose it when the call is over, after <see cref="UpstreamCall.Succeeded"/>
    /// or <see cref="UpstreamCall.Failed"/>.
    /// </summary>
    /// <param name="operation">One of <see cref="Upstream"/>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="endpoint">The URL called: only its host and port are recorded, never its path or query.</param>
    public UpstreamCall StartUpstream(string operation, HttpMethod method, Uri endpoint)
    {
        var activity = Source.StartActivity("HumanConnect " + operation, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.Operation, operation);
            activity.SetTag(Tags.HttpMethod, method.Method);
            activity.SetTag(Tags.ServerAddress, endpoint.Host);
            activity.SetTag(Tags.ServerPort, endpoint.Port);
        }

        return new UpstreamCall(this, operation, activity);
    }

    /// <summary>Starts a span <c>HumanConnect store {operation}</c> around one call to the token store.</summary>
    /// <param name="operation">One of <see cref="Store"/>.</param>
    /// <param name="storeType">The store's type: its name is recorded, so a span says which store answered.</param>
    public static Activity? StartStore(string operation, Type storeType)
    {
        var activity = Source.StartActivity("HumanConnect store " + operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(Tags.StoreType, storeType.FullName);
        }

        return activity;
    }

    /// <summary>Marks a span failed: status Error and <c>error.type</c>. No status description: it could carry a message.</summary>
    public static void MarkFailed(Activity? activity, string errorType)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(Tags.ErrorType, errorType);
        activity.SetStatus(ActivityStatusCode.Error);
    }

    internal void RecordUpstreamDuration(string operation, TimeSpan elapsed, int? status, string? errorType)
    {
        var tags = new TagList { { Tags.Operation, operation } };
        if (status is { } code)
        {
            tags.Add(Tags.HttpStatusCode, code);
        }

        if (errorType is not null)
        {
            tags.Add(Tags.ErrorType, errorType);
        }

        _upstreamDuration.Record(elapsed.TotalSeconds, tags);
    }
}
