namespace HumanConnect.AspNetCore.Sandbox.State;

/// <summary>What a session token handed to <c>finish</c> may be exchanged for, and until when.</summary>
internal sealed record ExchangeGrant(string HumanId, string ClientId, DateTimeOffset ExpiresAt);
