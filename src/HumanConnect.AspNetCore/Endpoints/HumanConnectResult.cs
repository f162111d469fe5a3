namespace HumanConnect.AspNetCore;

/// <summary>
/// What the Human Connect endpoints answer on success: the user's Human API id and the publicToken that opens
/// Connect in edit mode. The access token is deliberately absent: it never leaves the server.
/// </summary>
/// <param name="HumanId">Human API's id for the user.</param>
/// <param name="PublicToken">The current publicToken; it replaces any earlier one.</param>
public sealed record HumanConnectResult(string HumanId, string PublicToken);
