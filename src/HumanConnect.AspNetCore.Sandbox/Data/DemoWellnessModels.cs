namespace HumanConnect.AspNetCore.Sandbox.Data;

// The data API's wellness records, in Human API's shapes and camelCase names. Every number is a double (Human API's
// are floats in practice, steps and durations included), every id a string, every time a string written by DemoTime.
// Durations are seconds, sleep times minutes, distances metres, as Human API documents them.

/// <summary>The <c>sourceData</c> object: what the device said, kept raw by clients.</summary>
internal sealed record DemoSourceData(string Device, string RecordType);

/// <summary>A measurement reading (heart rate, weight, ...): one value and its unit.</summary>
internal sealed record Reading(
    string Id, string HumanId, string Timestamp, string TzOffset, double Value, string Unit, string Source,
    DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>A blood-pressure reading: systolic and diastolic in mmHg, with the heart rate taken with them.</summary>
internal sealed record BloodPressureReading(
    string Id, string HumanId, string Timestamp, string TzOffset, double Systolic, double Diastolic, double? HeartRate,
    string Unit, string Source, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>One activity (a walk, a run, a ride); <see cref="TimeSeries"/> only with <c>time_series=true</c>.</summary>
internal sealed record Activity(
    string Id, string HumanId, string StartTime, string EndTime, string TzOffset, string Type, string Source,
    double Duration, double Distance, double Steps, double Calories, DemoSourceData SourceData, string CreatedAt, string UpdatedAt,
    ActivityTimeSeries? TimeSeries = null);

/// <summary>An activity's time series: per-interval steps, distance and calories.</summary>
internal sealed record ActivityTimeSeries(TimeSeriesPoint[] Steps, TimeSeriesPoint[] Distance, TimeSeriesPoint[] Calories);

/// <summary>One point of a time series.</summary>
internal sealed record TimeSeriesPoint(string Timestamp, double Value);

/// <summary>A day's activity summary; sedentary, light, moderate and vigorous are seconds.</summary>
internal sealed record ActivitySummary(
    string Id, string HumanId, string Date, string Source, double Duration, double Distance, double Steps, double Calories,
    double Sedentary, double Light, double Moderate, double Vigorous, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>One sleep; the times are minutes, <c>efficiency</c> a percentage.</summary>
internal sealed record Sleep(
    string Id, string HumanId, string Day, string StartTime, string EndTime, string TzOffset, string Source, bool MainSleep,
    double TimeAsleep, double TimeAwake, double TimeInBed, double TimeToFallAsleep, double TimeAfterWakeup, double Efficiency,
    DemoSourceData SourceData, string CreatedAt, string UpdatedAt, SleepTimeSeries? TimeSeries = null);

/// <summary>A sleep's time series: the stage from each point until the next.</summary>
internal sealed record SleepTimeSeries(SleepStagePoint[] Stages);

/// <summary>A sleep stage: <c>awake</c>, <c>light</c>, <c>deep</c> or <c>rem</c>.</summary>
internal sealed record SleepStagePoint(string Timestamp, string Value);

/// <summary>A day's sleep summary: the day's sleeps added up.</summary>
internal sealed record SleepSummary(
    string Id, string HumanId, string Date, string Source, double TimeAsleep, double TimeAwake, double TimeInBed,
    double Efficiency, double Sleeps, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);

/// <summary>A day's heart-rate summary, in bpm.</summary>
internal sealed record HeartRateSummary(
    string Id, string HumanId, string Date, string Source, double RestingHeartRate, double Average, double Min, double Max,
    string Unit, DemoSourceData SourceData, string CreatedAt, string UpdatedAt);
