namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The legacy flow's access token: the one stored with the user's record. A Connect v2 record holds none, so a v2 user
/// read while the app runs the legacy flow must connect again (through the legacy flow).
/// </summary>
internal sealed class StoredAccessTokenSource(ConnectV2Records records) : IHumanAccessTokenSource
{
    public async Task<AccessTokenLookup> GetAsync(string localUserId, CancellationToken cancellationToken)
    {
        var loaded = await records.LoadAsync(localUserId, cancellationToken);
        if (!loaded.Succeeded)
        {
            return AccessTokenLookup.Fail(AccessTokenFailure.StoreUnavailable);
        }

        return loaded.Tokens switch
        {
            null => AccessTokenLookup.Fail(AccessTokenFailure.NotConnected),
            { AccessToken.Length: 0 } => AccessTokenLookup.Fail(AccessTokenFailure.ReconnectRequired),
            var tokens => AccessTokenLookup.Success(tokens.AccessToken),
        };
    }

    // The data client marks the record "connect again" itself (HumanConnectFlow.MarkReconnectRequiredAsync, under the
    // user's lock), so that the legacy flow's rule stays where the legacy flow's writes are.
    public Task RejectedAsync(string localUserId, string accessToken, CancellationToken cancellationToken) => Task.CompletedTask;
}
