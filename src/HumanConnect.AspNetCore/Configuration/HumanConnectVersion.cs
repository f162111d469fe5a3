namespace HumanConnect.AspNetCore;

/// <summary>The Human Connect flows the library speaks; <see cref="HumanConnectOptions.ConnectVersion"/> chooses one.</summary>
public enum HumanConnectVersion
{
    /// <summary>
    /// The legacy flow: <c>connect.js</c> opens Connect with a client user id (and a publicToken in edit mode), and the
    /// server exchanges the session token Connect hands the page for the user's long-lived accessToken.
    /// </summary>
    Legacy = 0,

    /// <summary>
    /// Human API's current Connect: the server mints a <c>session</c> or <c>id</c> token before the page renders,
    /// <c>humanapi-connect-client</c> opens Connect with it, and the server reads data with short-lived <c>access</c> tokens.
    /// </summary>
    V2 = 1,
}
