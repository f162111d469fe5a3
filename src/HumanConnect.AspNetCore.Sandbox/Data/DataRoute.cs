using System.Globalization;

namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>What a data API path asks for.</summary>
internal enum DataShape
{
    /// <summary><c>GET /</c>: the human's summary.</summary>
    Summary,

    /// <summary><c>/profile</c>.</summary>
    Profile,

    /// <summary>A measurement's latest reading: one object, <c>{}</c> when there is none.</summary>
    Latest,

    /// <summary>A list: paged, filtered.</summary>
    List,

    /// <summary>A list of one local day: <c>.../daily/{yyyy-MM-dd}</c>.</summary>
    Daily,

    /// <summary>One record by id; 404 when there is none.</summary>
    ById,

    /// <summary>One summary by date: <c>.../summaries/{yyyy-MM-dd}</c>; 404 when there is none.</summary>
    ByDate,

    /// <summary>One object that may not exist: <c>/medical/profile</c>; 404 when there is none.</summary>
    Single,
}

/// <summary>
/// A data API path, parsed: its shape and the family it reads (<c>activities</c>, <c>activities/summaries</c>,
/// <c>heart_rate</c>, <c>medical/medications</c>, <c>sources</c>, ...), with the id or date it names.
/// </summary>
internal sealed record DataRoute(DataShape Shape, string Family, string? Id = null, DateOnly? Date = null)
{
    public static readonly string[] Measurements =
        ["heart_rate", "blood_pressure", "blood_glucose", "blood_oxygen", "bmi", "body_fat", "height", "weight"];

    public static readonly string[] Periodic = ["activities", "sleeps", "locations"];

    public static readonly string[] MedicalTypes =
        ["allergies", "encounters", "medications", "test_results", "vitals", "immunizations", "procedures", "issues",
         "narratives", "plans_of_care", "organizations"];

    /// <summary>
    /// Parses the path below the data API's base (no leading slash; a trailing one is ignored). <see langword="null"/>
    /// route: not a data API path (404). <paramref name="badDate"/>: a <c>daily/</c> or <c>summaries/</c> segment
    /// shaped like a date that is not one (400).
    /// </summary>
    public static DataRoute? Parse(string path, out bool badDate)
    {
        badDate = false;
        var segments = path.Length == 0 ? [] : path.TrimEnd('/').Split('/');
        if (segments.Any(segment => segment.Length == 0))
        {
            return null;
        }

        switch (segments)
        {
            case []:
                return new(DataShape.Summary, string.Empty);
            case ["profile"]:
                return new(DataShape.Profile, "profile");
            case ["sources"]:
                return new(DataShape.List, "sources");
            case ["medical", "profile"]:
                return new(DataShape.Single, "medical/profile");
            case ["medical", var type] when MedicalTypes.Contains(type):
                return new(DataShape.List, "medical/" + type);
            case ["medical", var type, var id] when MedicalTypes.Contains(type):
                return new(DataShape.ById, "medical/" + type, id);
            case ["heart_rate", "summaries", ..]:
                return Summaries("heart_rate/summaries", segments[2..], out badDate);
            case [var type, ..] when Measurements.Contains(type):
                return Measurement(type, segments[1..], out badDate);
            case [var type, "summaries", ..] when Periodic.Contains(type) && type != "locations":
                return Summaries(type + "/summaries", segments[2..], out badDate);
            case [var type] when Periodic.Contains(type):
                return new(DataShape.List, type);
            case [var type, "daily", var date] when Periodic.Contains(type):
                return Daily(type, date, out badDate);
            case [var type, var id] when Periodic.Contains(type) && id is not ("daily" or "summaries"):
                return new(DataShape.ById, type, id);
            default:
                return null;
        }
    }

    private static DataRoute? Measurement(string type, string[] rest, out bool badDate)
    {
        badDate = false;
        return rest switch
        {
            [] => new(DataShape.Latest, type),
            ["readings"] => new(DataShape.List, type),
            ["readings", "daily", var date] => Daily(type, date, out badDate),
            ["readings", var id] when id != "daily" => new(DataShape.ById, type, id),
            _ => null,
        };
    }

    private static DataRoute? Summaries(string family, string[] rest, out bool badDate)
    {
        badDate = false;
        switch (rest)
        {
            case []:
                return new(DataShape.List, family);
            case [var key] when LooksLikeDate(key):
                var date = ParseDate(key);
                badDate = date is null;
                return date is null ? null : new(DataShape.ByDate, family, Date: date);
            case [var id]:
                return new(DataShape.ById, family, id);
            default:
                return null;
        }
    }

    private static DataRoute? Daily(string family, string text, out bool badDate)
    {
        var date = ParseDate(text);
        badDate = date is null;
        return date is null ? null : new(DataShape.Daily, family, Date: date);
    }

    /// <summary>Four digits, a dash, two, a dash, two: a date, or a mistyped one (never a 24-hex id).</summary>
    private static bool LooksLikeDate(string text) =>
        text.Length == 10 && text[4] == '-' && text[7] == '-' && text.Where((c, i) => i is not (4 or 7)).All(char.IsAsciiDigit);

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
