namespace HumanConnect.AspNetCore.DataClient;

/// <summary>Human API's <c>{}</c>, "no value", read as <see langword="null"/>.</summary>
internal static class EmptyRecords
{
    /// <summary><see langword="null"/> when <paramref name="value"/> has no field at all, as parsing <c>{}</c> gives.</summary>
    public static T? NullIfEmpty<T>(T? value)
        where T : class, new() =>
        value is null || value.Equals(new T()) ? null : value;

    public static HumanSummary WithoutEmpties(HumanSummary summary) => summary with
    {
        HeartRate = NullIfEmpty(summary.HeartRate),
        BloodPressure = NullIfEmpty(summary.BloodPressure),
        BloodGlucose = NullIfEmpty(summary.BloodGlucose),
        BloodOxygen = NullIfEmpty(summary.BloodOxygen),
        Bmi = NullIfEmpty(summary.Bmi),
        BodyFat = NullIfEmpty(summary.BodyFat),
        Height = NullIfEmpty(summary.Height),
        Weight = NullIfEmpty(summary.Weight),
        ActivitySummary = NullIfEmpty(summary.ActivitySummary),
        SleepSummary = NullIfEmpty(summary.SleepSummary),
    };
}
