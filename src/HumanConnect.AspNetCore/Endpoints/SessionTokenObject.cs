namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// What Connect's <c>finish</c> callback hands the browser, posted as-is to the finish endpoint. Only these three
/// fields are read and forwarded; anything else the script adds is ignored.
/// </summary>
internal sealed record SessionTokenObject(string? HumanId, string? ClientId, string? SessionToken);
