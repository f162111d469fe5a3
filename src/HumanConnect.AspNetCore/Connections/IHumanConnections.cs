namespace HumanConnect.AspNetCore;

/// <summary>
/// Manages users' connections from the host's own code, for example when a user deletes their account. Registered by
/// <c>AddHumanConnect</c> (scoped); <c>POST {prefix}/connect/disconnect</c> does the same for the signed-in user.
/// </summary>
public interface IHumanConnections
{
    /// <summary>
    /// Disconnects a user: deletes them at Human API through the Application API
    /// (<c>DELETE {ApplicationApiBaseUrl}{ClientId}/users/{humanId}</c>, with <see cref="HumanConnectOptions.AppKey"/>),
    /// then removes their stored tokens. Without an App Key only the stored tokens are removed, and Human API still
    /// knows the user (<see cref="HumanDisconnectResult.HumanApiUserDeleted"/> is <see langword="false"/>): a later
    /// connect of the same user then meets Human API's "User Already Exists" until the user is deleted there.
    /// </summary>
    /// <param name="localUserId">The host's id for the user.</param>
    /// <param name="cancellationToken">Cancels the disconnect (not once Human API has deleted the user: the record is then removed anyway).</param>
    /// <returns>What was done, or why nothing was: when Human API cannot delete the user, the stored tokens are kept.</returns>
    Task<HumanDisconnectResult> DisconnectAsync(string localUserId, CancellationToken cancellationToken = default);
}
