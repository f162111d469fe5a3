using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Reads users' health data from Human API's data API (<see cref="HumanConnectOptions.DataApiBaseUrl"/>), with the
/// access token stored for each user. Registered by <c>AddHumanConnect</c>; inject it anywhere (a page, a
/// controller, a background job).
/// </summary>
/// <remarks>
/// <para>
/// The access token never leaves the library: it is read from the <see cref="IHumanTokenStore"/> on each call and
/// sent in the <c>Authorization: Bearer</c> header only, never in a URL, and no body, token or URL reaches a log.
/// </para>
/// <para>
/// Every call returns a <see cref="HumanDataResult{T}"/>: a value or a <see cref="HumanDataFailure"/>. GETs that meet
/// a 429, a 5xx, a timeout or a broken connection are tried again (<see cref="HumanConnectOptions.DataApiMaxAttempts"/>
/// attempts in all, with a growing pause that honours <c>Retry-After</c> up to
/// <see cref="HumanConnectOptions.DataApiMaxRetryDelay"/>). A 401 marks the user's record "connect again".
/// </para>
/// </remarks>
public interface IHumanDataClient
{
    /// <summary>The data of one local user.</summary>
    /// <param name="localUserId">The host's own id for the user, as the user resolver returns it for their requests.</param>
    /// <returns>A view of that user's data; it calls nothing until one of its methods is called.</returns>
    IHumanUserData ForUser(string localUserId);

    /// <summary>The data of the request's signed-in user, through the <see cref="IHumanConnectUserResolver"/>.</summary>
    /// <param name="httpContext">The current request.</param>
    /// <returns>A view of that user's data, or <see langword="null"/> when nobody is signed in.</returns>
    IHumanUserData? ForUser(HttpContext httpContext);
}
