using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Tells who the signed-in user is, and which <c>clientUserId</c> Connect knows them by. The library never takes
/// either from a request body: in the legacy flow the browser picks <c>clientUserId</c>, so the server binds
/// every exchange to the authenticated user itself.
/// </summary>
/// <remarks>
/// The default resolver reads <see cref="HumanConnectOptions.UserIdClaimType"/> from
/// <see cref="HttpContext.User"/> and derives the <c>clientUserId</c> as the lowercase hex SHA-256 of the local
/// user id: opaque to Human API, stable, and safe in a URL unencoded (Human API's script does not encode it).
/// Register your own implementation as a singleton to change either rule, for example to keep the
/// <c>clientUserId</c>s of an existing integration.
/// </remarks>
public interface IHumanConnectUserResolver
{
    /// <summary>Returns the host application's id for the signed-in user, or <see langword="null"/> when nobody is signed in.</summary>
    /// <param name="httpContext">The current request.</param>
    string? GetLocalUserId(HttpContext httpContext);

    /// <summary>
    /// Returns the <c>clientUserId</c> Connect is opened with for a local user. It must be stable for the user's
    /// lifetime and be made of URL-safe characters only (letters, digits, <c>-._~</c>).
    /// </summary>
    /// <param name="localUserId">An id that <see cref="GetLocalUserId"/> returned.</param>
    string GetClientUserId(string localUserId);
}
