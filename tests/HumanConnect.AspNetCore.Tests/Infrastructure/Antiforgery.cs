namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>How a test request deals with antiforgery.</summary>
public enum Antiforgery
{
    /// <summary>Cookie and header from <c>GET /antiforgery</c>, fetched as the same user: what the browser module sends.</summary>
    Valid,

    /// <summary>Neither cookie nor header.</summary>
    None,

    /// <summary>The cookie, but no header.</summary>
    MissingHeader,

    /// <summary>The cookie, and a header that is not a token.</summary>
    WrongToken,

    /// <summary>Cookie and header that were issued to another signed-in user.</summary>
    OtherUsersToken,
}
