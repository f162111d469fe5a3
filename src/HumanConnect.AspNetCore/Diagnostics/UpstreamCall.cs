using System.Diagnostics;

namespace HumanConnect.AspNetCore.Diagnostics;

/// <summary>
/// One call to Human API as telemetry sees it (<see cref="HumanConnectTelemetry.StartUpstream"/>): its span, and on
/// <see cref="Dispose"/> one measurement of <c>humanconnect.upstream.duration</c> with its outcome.
/// </summary>
internal sealed class UpstreamCall : IDisposable
{
    /// <summary>The <c>error.type</c> of a call disposed before it succeeded or failed: the caller gave up on it.</summary>
    public const string Aborted = "aborted";

    private readonly HumanConnectTelemetry _telemetry;
    private readonly string _operation;
    private readonly Activity? _activity;
    private readonly long _started = Stopwatch.GetTimestamp();
    private int? _status;
    private string? _errorType = Aborted;
    private bool _disposed;

    internal UpstreamCall(HumanConnectTelemetry telemetry, string operation, Activity? activity)
    {
        _telemetry = telemetry;
        _operation = operation;
        _activity = activity;
    }

    /// <summary>Human API answered with <paramref name="status"/> (whatever the outcome turns out to be).</summary>
    public void Answered(int status)
    {
        _status = status;
        _activity?.SetTag(HumanConnectTelemetry.Tags.HttpStatusCode, status);
    }

    /// <summary>The call produced a usable answer.</summary>
    public void Succeeded() => _errorType = null;

    /// <summary>The call failed with <paramref name="errorCode"/> (<see cref="HumanConnectErrorCodes"/>): never a message.</summary>
    public void Failed(string errorCode) => _errorType = errorCode;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_errorType is not null)
        {
            HumanConnectTelemetry.MarkFailed(_activity, _errorType);
        }

        _activity?.Dispose();
        _telemetry.RecordUpstreamDuration(_operation, Stopwatch.GetElapsedTime(_started), _status, _errorType);
    }
}
