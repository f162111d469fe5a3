using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Refuses a declared body over <see cref="HumanConnectDefaults.MaxRequestBodyBytes"/> on both endpoints before
/// anything reads it: neither a sessionTokenObject nor an antiforgery form field needs more. Bodies of unknown
/// length are bounded where they are read (the endpoints' request size limit and form options, and the binding
/// filter's bounded read).
/// </summary>
internal sealed class BodySizeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.ContentLength > HumanConnectDefaults.MaxRequestBodyBytes
            ? ValueTask.FromResult<object?>(HumanConnectProblems.BodyTooLarge())
            : next(context);
}
