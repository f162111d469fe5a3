namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The result of a disconnect: the local record removed (and whether Human API deleted the user), or why nothing
/// was removed.
/// </summary>
/// <param name="Failure">Why the record was kept; <see cref="HumanConnectFailure.None"/> when it was removed.</param>
/// <param name="HumanApiUserDeleted">
/// Whether Human API no longer knows the user: deleted now, or unknown to it already. <see langword="false"/> when no
/// App Key is configured, and Human API still knows the user.
/// </param>
/// <param name="HumanId">The humanId the removed record held; <see langword="null"/> on a failure.</param>
internal readonly record struct DisconnectOutcome(HumanConnectFailure Failure, bool HumanApiUserDeleted, string? HumanId)
{
    public bool Succeeded => Failure == HumanConnectFailure.None;

    public static DisconnectOutcome Success(bool humanApiUserDeleted, string humanId) => new(HumanConnectFailure.None, humanApiUserDeleted, humanId);

    public static DisconnectOutcome Fail(HumanConnectFailure failure) => new(failure, false, null);
}
