using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Rejects a request whose antiforgery token is missing or wrong. Checked here, explicitly: ASP.NET Core's
/// antiforgery middleware only records a verdict for endpoints that do not bind forms, it never rejects them.
/// </summary>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(httpContext);
        }
        catch (InvalidDataException)
        {
            // The token lookup read a form body that broke the form limits.
            return HumanConnectProblems.BodyTooLarge();
        }

        return valid ? await next(context) : HumanConnectProblems.AntiforgeryFailed();
    }
}
