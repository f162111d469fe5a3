using System.Text;

namespace HumanConnect.AspNetCore;

/// <summary>
/// What Human API issued for one local user: the credentials that identify the user at Human API and
/// grant access to their health data.
/// </summary>
/// <param name="HumanId">Human API's id for the user. Stable across connects (and the same in both flows); needed to fetch a new publicToken.</param>
/// <param name="AccessToken">
/// The bearer token for Human API's data API. A secret: it must never reach a browser, a log line or an error
/// message. <see cref="ToString"/> redacts it. Empty when the store could no longer decrypt it (its Data Protection
/// key was lost): the user must connect again, which stores a new one. Always empty in a
/// <see cref="HumanConnectVersion.V2"/> record: Connect v2's access tokens live a day, so they are minted on demand
/// and cached apart, never stored here.
/// </param>
/// <param name="PublicToken">
/// The token that opens Connect in edit mode for this user. It is not a secret and rotates on every connect;
/// <see langword="null"/> when it was lost and must be fetched again from Human API, and in a v2 record.
/// </param>
/// <param name="ClientUserId">
/// The <c>clientUserId</c> Connect was opened with, and Human API confirmed, for this user. Connect v2 asks for the
/// user's tokens by it, so a record migrated from the legacy flow keeps the exact string the legacy flow used.
/// </param>
public sealed record HumanTokens(string HumanId, string AccessToken, string? PublicToken, string ClientUserId)
{
    /// <summary>
    /// Which flow wrote the record. <see cref="HumanConnectVersion.Legacy"/> (the default, and what every record of an
    /// earlier release reads as): the legacy tokens. <see cref="HumanConnectVersion.V2"/>: the humanId, the
    /// clientUserId and <see cref="SourcesConnected"/> only; see <see cref="ForConnectV2"/>.
    /// </summary>
    public HumanConnectVersion ConnectVersion { get; init; }

    /// <summary>
    /// Whether the user has data sources connected. In a v2 record, what the server confirmed at the user's last
    /// sync: <see langword="true"/> when Human API issued an <c>access</c> token for the user, <see langword="false"/>
    /// when it refused one because no source is connected (any more). Always <see langword="true"/> in a legacy
    /// record, whose stored tokens are the proof.
    /// </summary>
    public bool SourcesConnected { get; init; } = true;

    /// <summary>The record Connect v2 keeps for a user: no legacy token, just who the user is and whether sources are connected.</summary>
    /// <param name="humanId">Human API's id for the user.</param>
    /// <param name="clientUserId">The <c>client_user_id</c> the user's tokens are minted for.</param>
    /// <param name="sourcesConnected">Whether Human API confirmed connected data sources.</param>
    /// <returns>A <see cref="HumanConnectVersion.V2"/> record with an empty access token and no publicToken.</returns>
    public static HumanTokens ForConnectV2(string humanId, string clientUserId, bool sourcesConnected) =>
        new(humanId, string.Empty, null, clientUserId) { ConnectVersion = HumanConnectVersion.V2, SourcesConnected = sourcesConnected };

    /// <summary>Prints the record with the access token redacted, so tokens logged by mistake leak nothing.</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("HumanId = ").Append(HumanId)
            .Append(", AccessToken = ***")
            .Append(", PublicToken = ").Append(PublicToken)
            .Append(", ClientUserId = ").Append(ClientUserId)
            .Append(", ConnectVersion = ").Append(ConnectVersion)
            .Append(", SourcesConnected = ").Append(SourcesConnected);
        return true;
    }
}
