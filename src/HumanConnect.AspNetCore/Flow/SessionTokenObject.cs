namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// What Connect's <c>finish</c> callback hands the browser, posted as-is to the finish endpoint. Only these three
/// fields are read and forwarded; anything else the script adds is ignored. A field is <see langword="null"/>
/// when the body did not carry it; the endpoint validates all three before the flow sees them.
/// </summary>
internal sealed record SessionTokenObject(string? HumanId, string? ClientId, string? SessionToken)
{
    /// <summary>Keeps the single-use session token out of any accidental log of this record.</summary>
    public override string ToString() => $"SessionTokenObject {{ HumanId = {HumanId}, ClientId = {ClientId} }}";
}
