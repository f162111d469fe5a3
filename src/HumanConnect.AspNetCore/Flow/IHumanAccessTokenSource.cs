namespace HumanConnect.AspNetCore.Flow;

/// <summary>
/// Where the data client gets the access token it reads a user's data with, whichever flow the app runs: the stored
/// legacy accessToken (<see cref="StoredAccessTokenSource"/>), or a Connect v2 <c>access</c> token minted on demand
/// and cached (<see cref="ConnectV2AccessTokenSource"/>). <see cref="HumanConnectOptions.ConnectVersion"/> chooses
/// one per request scope. The token goes no further than the upstream client.
/// </summary>
internal interface IHumanAccessTokenSource
{
    /// <summary>The user's access token, or why there is none; nothing is sent to the data API without one.</summary>
    Task<AccessTokenLookup> GetAsync(string localUserId, CancellationToken cancellationToken);

    /// <summary>
    /// The data API refused <paramref name="accessToken"/> (401). Legacy: the record is marked "connect again", and
    /// no other token can be had. Connect v2: the cached token is dropped (only if it is still that token), and the
    /// next <see cref="GetAsync"/> mints a new one.
    /// </summary>
    Task<AccessTokenRenewal> RejectedAsync(string localUserId, string accessToken, CancellationToken cancellationToken);
}

/// <summary>Whether another access token can be had after one was refused.</summary>
internal enum AccessTokenRenewal
{
    /// <summary>No: the user must connect again (the legacy flow's stored token).</summary>
    Final,

    /// <summary>Yes: a new one is minted on the next <see cref="IHumanAccessTokenSource.GetAsync"/> (Connect v2).</summary>
    Renewable,
}

/// <summary>Why a user has no access token to read with.</summary>
internal enum AccessTokenFailure
{
    None,

    /// <summary>Nothing is stored for the user, or Connect v2 says no source is connected.</summary>
    NotConnected,

    /// <summary>The stored legacy accessToken is gone (refused before, or lost with its key): the user must connect again.</summary>
    ReconnectRequired,

    /// <summary>The token store failed.</summary>
    StoreUnavailable,

    /// <summary>Connect v2's token endpoint refused the app (credentials) or answered another 4xx.</summary>
    UpstreamRejected,

    /// <summary>Connect v2's token endpoint was unreachable, failed, or answered what is not the expected JSON.</summary>
    UpstreamUnavailable,

    /// <summary>Connect v2's token endpoint did not answer in time.</summary>
    UpstreamTimeout,
}

/// <summary>An access token for one user, or why there is none. <see cref="ToString"/> leaves the token out.</summary>
internal readonly record struct AccessTokenLookup(string? AccessToken, AccessTokenFailure Failure)
{
    public bool Succeeded => AccessToken is not null;

    public static AccessTokenLookup Success(string accessToken) => new(accessToken, AccessTokenFailure.None);

    public static AccessTokenLookup Fail(AccessTokenFailure failure) => new(null, failure);

    public override string ToString() => $"AccessTokenLookup {{ Succeeded = {Succeeded}, Failure = {Failure} }}";
}
