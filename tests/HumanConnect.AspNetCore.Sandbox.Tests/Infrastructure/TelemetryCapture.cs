using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// OpenTelemetry wired into a host as the README's Observability section wires it, with the in-memory exporter in
/// place of OTLP: every span of the request and of the library, and every metric of the library's meter.
/// </summary>
/// <remarks>
/// OpenTelemetry listens to sources and meters by name, across the process: tests that read it belong to
/// <see cref="TelemetryRunsAlone"/>, which runs alone.
/// </remarks>
internal sealed class TelemetryCapture
{
    public const string Name = "HumanConnect.AspNetCore";

    private readonly List<Activity> _spans = [];
    private readonly List<MetricSnapshot> _metrics = [];
    private IServiceProvider? _services;

    /// <summary>Adds OpenTelemetry to the host's services.</summary>
    public void AddTo(IServiceCollection services) =>
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.AspNetCore")
                .AddSource(Name)
                .AddInMemoryExporter(_spans))
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddInMemoryExporter(_metrics));

    /// <summary>The host whose providers <see cref="Metrics"/> flushes.</summary>
    public void Attach(IServiceProvider services) => _services = services;

    /// <summary>The library's spans that ended so far, in the order they ended.</summary>
    public IReadOnlyList<Activity> LibrarySpans => [.. AllSpans.Where(span => span.Source.Name == Name)];

    /// <summary>Every span that ended so far, the request spans included.</summary>
    public IReadOnlyList<Activity> AllSpans
    {
        get
        {
            lock (_spans)
            {
                return [.. _spans];
            }
        }
    }

    /// <summary>The library's metrics as they stand now (cumulative), by instrument name.</summary>
    public IReadOnlyDictionary<string, MetricSnapshot> Metrics()
    {
        lock (_metrics)
        {
            _metrics.Clear();
        }

        Assert.True(_services!.GetRequiredService<MeterProvider>().ForceFlush(5000), "the meter provider did not flush");
        lock (_metrics)
        {
            return _metrics.GroupBy(metric => metric.Name).ToDictionary(group => group.Key, group => group.Last());
        }
    }

    /// <summary>The value of a counter's point whose tags are exactly <paramref name="tags"/>; 0 when there is none.</summary>
    public static long CounterValue(IReadOnlyDictionary<string, MetricSnapshot> metrics, string name, params (string Key, object Value)[] tags) =>
        metrics.TryGetValue(name, out var metric)
            ? metric.MetricPoints.Where(point => TagsOf(point).SequenceEqual(tags.OrderBy(tag => tag.Key, StringComparer.Ordinal)))
                .Sum(point => point.GetSumLong())
            : 0;

    /// <summary>A point's tags, sorted by key.</summary>
    public static List<(string Key, object Value)> TagsOf(MetricPoint point)
    {
        var tags = new List<(string Key, object Value)>();
        foreach (var tag in point.Tags)
        {
            tags.Add((tag.Key, tag.Value!));
        }

        return [.. tags.OrderBy(tag => tag.Key, StringComparer.Ordinal)];
    }
}

/// <summary>Tests that read OpenTelemetry's in-memory exporter: they run one at a time, after every other test.</summary>
[CollectionDefinition(nameof(TelemetryRunsAlone), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;
