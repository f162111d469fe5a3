using HumanConnect.AspNetCore.Upstream;

namespace HumanConnect.AspNetCore.Flow;

/// <summary>The token the Connect button opens Connect v2 with, or why there is none.</summary>
/// <param name="Token">A <c>session</c> token (a new user) or an <c>id</c> token (a returning one).</param>
/// <param name="Failure">Why there is no token; <see cref="HumanConnectFailure.None"/> when there is one.</param>
internal readonly record struct ConnectLaunch(ConnectToken? Token, HumanConnectFailure Failure)
{
    public bool Succeeded => Token is not null;

    /// <summary>Whether Connect opens for a returning user (an <c>id</c> token): the button's "edit" state.</summary>
    public bool Returning => Token?.Type == ConnectTokenType.Id;

    public static ConnectLaunch Success(ConnectToken token) => new(token, HumanConnectFailure.None);

    public static ConnectLaunch Fail(HumanConnectFailure failure) => new(null, failure);
}

/// <summary>What a sync confirmed with Human API, or why it could not.</summary>
/// <param name="Connected">Whether the user has data sources connected now (Human API issued an access token).</param>
/// <param name="HumanId">The user's humanId, when one is known.</param>
/// <param name="Failure">Why the sync failed; <see cref="HumanConnectFailure.None"/> when it did not.</param>
internal readonly record struct ConnectSyncOutcome(bool Connected, string? HumanId, HumanConnectFailure Failure)
{
    public bool Succeeded => Failure == HumanConnectFailure.None;

    public static ConnectSyncOutcome Fail(HumanConnectFailure failure) => new(false, null, failure);

    public static ConnectSyncOutcome FailUpstream(ConnectTokenResult result) => Fail(HumanConnectOutcome.FailUpstream(result.FailureKind).Failure);
}
