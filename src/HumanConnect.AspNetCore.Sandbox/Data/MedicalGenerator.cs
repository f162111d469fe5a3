namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// The medical demo source's records: one organization, a medical profile, three medications, two allergies and an
/// encounter every few weeks. Medications and allergies date from a reference day that moves once a year, so they
/// stay put while the wellness history slides; encounters fall on fixed calendar days inside the history.
/// </summary>
internal static class MedicalGenerator
{
    private const string CodeSystem = "urn:humanconnect:sandbox:demo-codes";
    private const string CodeSystemName = "Sandbox demo codes";

    // A course ends after its days; the others are ongoing.
    private static readonly (string Name, string Strength, string Dosage, string Frequency, string Instructions, int? CourseDays)[] MedicationPool =
    [
        ("Lisinopril 10 mg oral tablet", "10 mg", "1 tablet", "once daily", "Take in the morning.", null),
        ("Atorvastatin 20 mg oral tablet", "20 mg", "1 tablet", "once daily", "Take in the evening.", null),
        ("Metformin 500 mg oral tablet", "500 mg", "1 tablet", "twice daily", "Take with meals.", null),
        ("Amoxicillin 500 mg oral capsule", "500 mg", "1 capsule", "three times daily", "Finish the whole course.", 10),
        ("Prednisone 5 mg oral tablet", "5 mg", "1 tablet", "once daily", "Take with breakfast.", 7),
        ("Cetirizine 10 mg oral tablet", "10 mg", "1 tablet", "once daily as needed", "May cause drowsiness.", null),
        ("Vitamin D3 1000 IU oral capsule", "1000 IU", "1 capsule", "once daily", "Take with food.", null),
    ];

    private static readonly (string Name, string Reaction, string Severity)[] AllergyPool =
    [
        ("Penicillin", "Hives", "moderate"),
        ("Peanuts", "Swelling of the lips", "severe"),
        ("Cat dander", "Sneezing", "mild"),
        ("Latex", "Skin rash", "mild"),
        ("Shellfish", "Nausea", "moderate"),
    ];

    private static readonly string[] Providers = ["Dr. Ada Okafor", "Dr. Lucas Brandt", "Dr. Mei Tanaka", "Dr. Sofia Ruiz"];

    private static readonly (string VisitType, string Reason)[] Visits =
    [
        ("Office visit", "Annual check-up"),
        ("Office visit", "Blood pressure follow-up"),
        ("Telehealth", "Seasonal allergies"),
        ("Urgent care", "Sprained ankle"),
        ("Office visit", "Medication review"),
    ];

    /// <summary>The day medications and allergies are dated from: today, rounded down to a 365-day step.</summary>
    private static DateOnly Reference(DemoContext context) => DateOnly.FromDayNumber(context.Today.DayNumber - (context.Today.DayNumber % 365));

    public static IEnumerable<DemoItem<MedicalOrganization>> Organizations(DemoContext context)
    {
        var (organization, created) = Organization(context);
        var record = new MedicalOrganization(organization.Id, context.HumanId, context.Source.Id, organization.Name,
            "1 Starfleet Plaza, San Francisco", "+1 415 555 0100", context.SourceData("organization"), DemoTime.Instant(created), DemoTime.Instant(created));
        return [new DemoItem<MedicalOrganization>(record, organization.Id, context.Source.Id, DemoTime.LocalDate(created, context.Offset), created, created, created)];
    }

    public static IEnumerable<DemoItem<MedicalProfile>> Profile(DemoContext context)
    {
        var random = context.Random("medical-profile");
        var id = random.NextId();
        var dob = new DateOnly(random.Next(1950, 2001), random.Next(1, 13), random.Next(1, 29));
        var created = context.At(Reference(context).AddDays(-random.Next(400, 700)), 10);
        var record = new MedicalProfile(id, context.HumanId, context.Source.Id, DemoTime.Date(dob), random.Pick(["female", "male"]),
            random.Pick(["A+", "O+", "B+", "AB+", "O-"]), Organization(context).Reference, context.SourceData("demographics"),
            DemoTime.Instant(created), DemoTime.Instant(created));
        return [new DemoItem<MedicalProfile>(record, id, context.Source.Id, DemoTime.LocalDate(created, context.Offset), created, created, created)];
    }

    public static IEnumerable<DemoItem<Medication>> Medications(DemoContext context)
    {
        var random = context.Random("medications");
        var organization = Organization(context).Reference;
        foreach (var medication in Distinct(ref random, MedicationPool, 3))
        {
            var id = random.NextId();
            var start = Reference(context).AddDays(-random.Next(20, 700));
            DateOnly? end = medication.CourseDays is { } days ? start.AddDays(days) : null;
            var created = context.At(start, random.Between(9, 17, 3));
            var updated = end is { } ended ? context.At(ended, 18) : created;
            var record = new Medication(id, context.HumanId, context.Source.Id, medication.Name,
                $"{medication.Dosage} {medication.Frequency}", medication.Instructions, end is null ? "active" : "completed",
                DemoTime.Date(start), end is { } e ? DemoTime.Date(e) : null, random.Pick(Providers),
                new MedicationDetails(medication.Dosage, medication.Frequency, "oral", medication.Strength),
                [Code(ref random, "MED", medication.Name)], organization, context.SourceData("medication"), DemoTime.Instant(created), DemoTime.Instant(updated));
            yield return new DemoItem<Medication>(record, id, context.Source.Id, start, created, created, updated);
        }
    }

    public static IEnumerable<DemoItem<Allergy>> Allergies(DemoContext context)
    {
        var random = context.Random("allergies");
        var organization = Organization(context).Reference;
        foreach (var allergy in Distinct(ref random, AllergyPool, 2))
        {
            var id = random.NextId();
            var start = Reference(context).AddDays(-random.Next(100, 2_000));
            var created = context.At(start, random.Between(9, 17, 3));
            var record = new Allergy(id, context.HumanId, context.Source.Id, allergy.Name, allergy.Reaction, allergy.Severity, "active",
                DemoTime.Date(start), [Code(ref random, "ALG", allergy.Name)], organization, context.SourceData("allergy"),
                DemoTime.Instant(created), DemoTime.Instant(created));
            yield return new DemoItem<Allergy>(record, id, context.Source.Id, start, created, created, created);
        }
    }

    /// <summary>An encounter every 23 days, on days fixed by the calendar and the humanId, within the history.</summary>
    public static IEnumerable<DemoItem<Encounter>> Encounters(DemoContext context)
    {
        var phase = context.Random("encounters").Next(0, 23);
        var organization = Organization(context).Reference;
        foreach (var day in context.Days.Where(day => day.DayNumber % 23 == phase))
        {
            var random = context.Random("encounters", day);
            var id = random.NextId();
            var at = context.At(day, random.Between(8.5, 16.5, 3));
            var (visitType, reason) = random.Pick(Visits);
            var synced = context.Synced(ref random, DemoTime.Plus(at, 24 * 60));
            var record = new Encounter(id, context.HumanId, context.Source.Id, DemoTime.Instant(at), visitType, random.Pick(Providers), reason,
                [Code(ref random, "ENC", reason)], organization, context.SourceData("encounter"),
                DemoTime.Instant(synced.CreatedAt), DemoTime.Instant(synced.UpdatedAt));
            if (context.Item(record, id, day, at, synced) is { } item)
            {
                yield return item;
            }
        }
    }

    private static (MedicalOrganizationRef Reference, DateTimeOffset Created) Organization(DemoContext context)
    {
        var random = context.Random("organization");
        var id = random.NextId();
        var created = context.At(Reference(context).AddDays(-random.Next(800, 1_200)), 9);
        return (new MedicalOrganizationRef(id, context.Source.Name + " Clinic", "medical/organizations/" + id), created);
    }

    private static MedicalCode Code(ref DemoRandom random, string kind, string name) =>
        new($"SBX-{kind}-{random.Next(1_000, 10_000)}", CodeSystem, CodeSystemName, name);

    /// <summary><paramref name="count"/> different items of <paramref name="pool"/>.</summary>
    private static List<T> Distinct<T>(ref DemoRandom random, T[] pool, int count)
    {
        var order = Enumerable.Range(0, pool.Length).ToList();
        var picked = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            var at = random.Next(0, order.Count);
            picked.Add(pool[order[at]]);
            order.RemoveAt(at);
        }

        return picked;
    }
}
