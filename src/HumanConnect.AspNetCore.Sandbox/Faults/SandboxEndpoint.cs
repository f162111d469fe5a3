namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>The sandbox endpoints a fault can be injected into. Combine them to fault several at once.</summary>
[Flags]
public enum SandboxEndpoint
{
    /// <summary><c>POST {prefix}/v1/connect/tokens</c>, the session-token exchange.</summary>
    Tokens = 1,

    /// <summary><c>POST {prefix}/v1/connect/publictokens</c>, the publicToken refresh.</summary>
    PublicTokens = 2,

    /// <summary>Every request of the data API, <c>GET {prefix}/v1/human/...</c>.</summary>
    DataApi = 4,

    /// <summary>Every request of the Application API, <c>{prefix}/v1/apps/{clientId}/users...</c>.</summary>
    ApplicationApi = 8,

    /// <summary>Connect v2's token endpoint, <c>POST {prefix}/v1/connect/token</c> (every <c>type</c>).</summary>
    ConnectToken = 16,

    /// <summary>Every endpoint above.</summary>
    All = Tokens | PublicTokens | DataApi | ApplicationApi | ConnectToken,
}
