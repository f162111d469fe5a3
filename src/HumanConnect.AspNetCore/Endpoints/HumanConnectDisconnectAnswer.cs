namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// What <c>POST {prefix}/connect/disconnect</c> answers: <c>{"disconnected": true, "humanApiUserDeleted": ..., "detail": ...}</c>.
/// </summary>
/// <param name="Disconnected">Always <see langword="true"/>: the stored tokens were removed (failures are problems).</param>
/// <param name="HumanApiUserDeleted">
/// Whether Human API no longer knows the user; <see langword="false"/> when no App Key is configured.
/// </param>
/// <param name="Detail">What was done, in words, saying plainly when Human API still knows the user.</param>
internal sealed record HumanConnectDisconnectAnswer(bool Disconnected, bool HumanApiUserDeleted, string Detail)
{
    public const string DeletedDetail = "The user was deleted at Human API, and their stored tokens were removed.";

    public const string LocalOnlyDetail =
        "Only the stored tokens were removed: no App Key is configured, so Human API still knows this user, and connecting "
        + "again as the same user meets Human API's \"User Already Exists\" until the user is deleted there.";

    public static HumanConnectDisconnectAnswer For(bool humanApiUserDeleted) =>
        new(true, humanApiUserDeleted, humanApiUserDeleted ? DeletedDetail : LocalOnlyDetail);
}
