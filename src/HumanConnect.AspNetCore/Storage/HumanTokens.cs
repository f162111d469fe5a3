using System.Text;

namespace HumanConnect.AspNetCore;

/// <summary>
/// What Human API issued for one local user: the credentials that identify the user at Human API and
/// grant access to their health data.
/// </summary>
/// <param name="HumanId">Human API's id for the user. Stable across connects; needed to fetch a new publicToken.</param>
/// <param name="AccessToken">
/// The bearer token for Human API's data API. A secret: it must never reach a browser, a log line or an error
/// message. <see cref="ToString"/> redacts it. Empty when the store could no longer decrypt it (its Data Protection
/// key was lost): the user must connect again, which stores a new one.
/// </param>
/// <param name="PublicToken">
/// The token that opens Connect in edit mode for this user. It is not a secret and rotates on every connect;
/// <see langword="null"/> when it was lost and must be fetched again from Human API.
/// </param>
/// <param name="ClientUserId">The <c>clientUserId</c> Connect was opened with, and Human API confirmed, for this user.</param>
public sealed record HumanTokens(string HumanId, string AccessToken, string? PublicToken, string ClientUserId)
{
    /// <summary>Prints the record with the access token redacted, so tokens logged by mistake leak nothing.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("HumanId = ").Append(HumanId)
            .Append(", AccessToken = ***")
            .Append(", PublicToken = ").Append(PublicToken)
            .Append(", ClientUserId = ").Append(ClientUserId);
        return true;
    }
}
