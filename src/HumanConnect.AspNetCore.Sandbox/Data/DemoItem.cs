namespace HumanConnect.AspNetCore.Sandbox.Data;

/// <summary>
/// A generated record and what the data API filters, finds and orders it by: its id, its source's id, its local
/// day (<c>start_date</c>/<c>end_date</c>, <c>daily/{date}</c>), its main time (newest first) and when it was
/// created and updated (the <c>*_since</c>/<c>*_before</c> filters).
/// </summary>
internal sealed record DemoItem<T>(T Record, string Id, string SourceId, DateOnly Day, DateTimeOffset Time, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"DemoItem {{ Id = {Id}, SourceId = {SourceId}, Day = {Day} }}";
}
