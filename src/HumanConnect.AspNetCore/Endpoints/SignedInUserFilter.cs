using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Answers 401 problem+json when nobody is signed in, before anything else runs. It does not challenge: a cookie
/// scheme's challenge would redirect the browser's <c>fetch</c> to a login page instead of telling it what went wrong.
/// </summary>
internal sealed class SignedInUserFilter(IHumanConnectUserResolver users) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        users.GetLocalUserId(context.HttpContext) is null
            ? ValueTask.FromResult<object?>(HumanConnectProblems.NotAuthenticated())
            : next(context);
}
