using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>What every <see cref="HumanConnectEvents"/> handler is given: the request, and whose connection it is.</summary>
/// <remarks>
/// No context carries an access token, a session token or the client secret: read a user's data through the data
/// client. <see cref="LocalUserId"/> is given to your own code only; the library never puts it in a log or a trace.
/// </remarks>
public abstract class HumanConnectEventContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="httpContext">The request being served.</param>
    /// <param name="localUserId">The signed-in user's id in the host application.</param>
    protected HumanConnectEventContext(HttpContext httpContext, string localUserId)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentException.ThrowIfNullOrEmpty(localUserId);
        HttpContext = httpContext;
        LocalUserId = localUserId;
    }

    /// <summary>The request being served: its services (<see cref="HttpContext.RequestServices"/>), user and abort token.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The signed-in user's id in the host application, as <see cref="IHumanConnectUserResolver"/> returned it.</summary>
    public string LocalUserId { get; }
}
