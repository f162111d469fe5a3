namespace HumanConnect.AspNetCore;

/// <summary>What a user was doing when a <see cref="HumanConnectFailureContext"/> was raised.</summary>
public enum HumanConnectOperation
{
    /// <summary>A finish: exchanging Connect's session token and storing the tokens.</summary>
    Connect,

    /// <summary>Fetching a fresh publicToken (<c>POST public-token</c>, or the button healing a lost one).</summary>
    Refresh,

    /// <summary>Disconnecting the user from Human API and removing the record.</summary>
    Disconnect,
}
