namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>The sandbox endpoints a fault can be injected into. Combine them to fault both.</summary>
[Flags]
public enum SandboxEndpoint
{
    /// <summary><c>POST {prefix}/v1/connect/tokens</c>, the session-token exchange.</summary>
    Tokens = 1,

    /// <summary><c>POST {prefix}/v1/connect/publictokens</c>, the publicToken refresh.</summary>
    PublicTokens = 2,

    /// <summary>Both token endpoints.</summary>
    All = Tokens | PublicTokens,
}
