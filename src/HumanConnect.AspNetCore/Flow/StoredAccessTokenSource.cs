namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// The legacy flow's access token: the one stored with the user's record. A Connect v2 record holds none, so a v2 user
/// read while the app runs the legacy flow must connect again (through the legacy flow).
/// </summary>
internal sealed class StoredAccessTokenSource(ConnectV2Records records, HumanConnectFlow flow) : IHumanAccessTokenSource
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

    // Marked by the legacy flow itself, under the user's lock, so that its rule stays where its writes are.
    public async Task<AccessTokenRenewal> RejectedAsync(string localUserId, string accessToken, CancellationToken cancellationToken)
    {
        await flow.MarkReconnectRequiredAsync(localUserId, accessToken, cancellationToken);
        return AccessTokenRenewal.Final;
    }
}
