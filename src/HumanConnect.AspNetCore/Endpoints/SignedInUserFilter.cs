using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Answers 401 problem+json when nobody is signed in, before anything else runs. It does not challenge: a cookie
/// scheme's challenge would redirect the browser's <c>fetch</c> to a login page instead of telling it what went wrong.
/// </summary>
/// <param name="users">Who is signed in.</param>
/// <param name="noStore">Marks the 401 <c>Cache-Control: no-store</c> too, for an endpoint whose every answer is.</param>
internal sealed class SignedInUserFilter(IHumanConnectUserResolver users, bool noStore = false) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        if (users.GetLocalUserId(httpContext) is not null)
        {
            return next(context);
        }

        if (noStore)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
        }

        return ValueTask.FromResult<object?>(HumanConnectProblems.NotAuthenticated());
    }
}
