using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Answers 401 problem+json when nobody is signed in. It does not challenge: a cookie scheme's challenge would
/// redirect the browser's <c>fetch</c> to a login page instead of telling it what went wrong.
/// </summary>
internal sealed class SignedInUserFilter(IHumanConnectUserResolver users) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        var localUserId = users.GetLocalUserId(httpContext);
        if (localUserId is null)
        {
            return ValueTask.FromResult<object?>(HumanConnectProblems.NotAuthenticated());
        }

        httpContext.Features.Set(new HumanConnectRequestFeature(localUserId));
        return next(context);
    }
}
