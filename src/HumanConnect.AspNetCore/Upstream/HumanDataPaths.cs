namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// Where one kind of record lives in the data API, relative to its base: the list, one by id (<c>{list}/{id}</c>),
/// one day (<c>{daily}/{yyyy-MM-dd}</c>) when the kind has days, and one date of summaries (<c>{list}/{yyyy-MM-dd}</c>).
/// The paths double as the operation names logged (with <c>{id}</c> and <c>{date}</c> in place of values).
/// </summary>
/// <param name="List">The list's path.</param>
/// <param name="Daily">The daily list's path, before the date; <see langword="null"/> when the kind has none.</param>
/// <param name="TimeSeries">Whether <c>time_series=true</c> applies (activities and sleeps).</param>
internal sealed record DataPath(string List, string? Daily = null, bool TimeSeries = false)
{
    public string ById(string id) => $"{List}/{id}";

    public string ByIdOperation => $"{List}/{{id}}";

    public string DailyOn(DateOnly date) => $"{Daily}/{HumanDataQueryString.Date(date)}";

    public string DailyOperation => $"{Daily}/{{date}}";

    public string OnDate(DateOnly date) => $"{List}/{HumanDataQueryString.Date(date)}";

    public string OnDateOperation => $"{List}/{{date}}";
}

/// <summary>Human API's data API paths (<c>https://api.humanapi.co/v1/human/...</c>), in one place.</summary>
internal static class HumanDataPaths
{
    /// <summary>The summary of the human is the base itself.</summary>
    public const string Summary = "";

    public const string SummaryOperation = "summary";

    public const string Profile = "profile";

    public const string Sources = "sources";

    public const string MedicalProfile = "medical/profile";

    /// <summary>A measurement's latest reading: <c>{type}</c>.</summary>
    public static string Latest(string measurement) => measurement;

    /// <summary>A measurement's readings: <c>{type}/readings</c>, by id and <c>readings/daily/{date}</c>.</summary>
    public static DataPath Readings(string measurement) => new($"{measurement}/readings", $"{measurement}/readings/daily");

    public static DataPath Periodic(string type, bool timeSeries) => new(type, $"{type}/daily", timeSeries);

    public static DataPath Summaries(string type) => new($"{type}/summaries");

    public static DataPath Medical(string type) => new($"medical/{type}");

    /// <summary>The measurement types, as Human API names them in paths.</summary>
    public static class Measurements
    {
        public const string HeartRate = "heart_rate";
        public const string BloodPressure = "blood_pressure";
        public const string BloodGlucose = "blood_glucose";
        public const string BloodOxygen = "blood_oxygen";
        public const string Bmi = "bmi";
        public const string BodyFat = "body_fat";
        public const string Height = "height";
        public const string Weight = "weight";
    }
}
