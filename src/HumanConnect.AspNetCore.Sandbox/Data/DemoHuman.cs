namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// Whose demo data to generate: a sandbox user (or Human API's demo user), the demo sources they connected, in the
/// sandbox's order, and when they were created and last changed.
/// </summary>
internal sealed record DemoHuman(string HumanId, IReadOnlyList<DemoSource> Sources, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Email)
{
    /// <summary>Human API's documented demo user, read with the literal token <c>demo</c>.</summary>
    public const string DemoHumanId = "5dc2527186aaf9de560e5841f1a44bd6";

    /// <summary>The demo user's documented email.</summary>
    public const string DemoEmail = "demo@humanapi.co";

    // Zones without daylight saving time, so one offset holds all year and tzOffset never lies.
    private static readonly (string Name, TimeSpan Offset)[] Zones =
    [
        ("America/Phoenix", TimeSpan.FromHours(-7)),
        ("America/Bogota", TimeSpan.FromHours(-5)),
        ("Etc/UTC", TimeSpan.Zero),
        ("Africa/Nairobi", TimeSpan.FromHours(3)),
        ("Asia/Kolkata", new TimeSpan(5, 30, 0)),
        ("Asia/Tokyo", TimeSpan.FromHours(9)),
        ("Australia/Brisbane", TimeSpan.FromHours(10)),
    ];

    /// <summary>The user's time zone, chosen from the humanId: every record's <c>tzOffset</c> and local day use it.</summary>
    public (string Name, TimeSpan Offset) Zone
    {
        get
        {
            var random = DemoRandom.For(HumanId, "zone");
            return random.Pick(Zones);
        }
    }

    /// <summary>Human API's demo user, with every demo source connected, created <paramref name="createdAt"/>.</summary>
    public static DemoHuman Demo(IEnumerable<string> sourceNames, DateTimeOffset createdAt) =>
        new(DemoHumanId, [.. sourceNames.Select(DemoSource.Named)], createdAt, createdAt, DemoEmail);
}

/// <summary>
/// A demo source: its display name (<c>sourceName</c>), its id in records (<c>source</c>, the name's letters and
/// digits in lower case, like Human API's <c>fitbit</c>), and whether it is the medical one.
/// </summary>
internal sealed record DemoSource(string Id, string Name, bool Medical)
{
    /// <summary>The source the sandbox lists under <paramref name="name"/>.</summary>
    public static DemoSource Named(string name)
    {
        var id = new string([.. name.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant)]);
        return new(id.Length > 0 ? id : "source", name, name == HumanApiSandboxDefaults.MedicalDemoSource);
    }
}
