using System.Security.Claims;

namespace HumanConnect.AspNetCore.Users;

/// <summary>
/// The email Connect v2's <c>session</c> token is minted with (<c>client_user_email</c>): the signed-in user's
/// <see cref="ClaimTypes.Email"/> claim, or an <c>email</c> claim (OpenID Connect's name), when one holds something that
/// looks like an address. Optional: without one, none is sent.
/// </summary>
internal static class ConnectUserEmail
{
    private const int MaxLength = 254;

    public static string? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var email = user.FindFirst(ClaimTypes.Email)?.Value ?? user.FindFirst("email")?.Value;
        return email is { Length: > 2 and <= MaxLength } && email.IndexOf('@') is > 0 && !email.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? email
            : null;
    }
}
