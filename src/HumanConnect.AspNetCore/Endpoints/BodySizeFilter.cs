using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Refuses a declared body over <see cref="HumanConnectRequestLimits.MaxBodyBytes"/> on both endpoints before
/// anything reads it: neither a sessionTokenObject nor an antiforgery form field needs more. A body of unknown
/// length (chunked) is bounded where it is read, by <see cref="RequestBody"/>.
/// </summary>
internal sealed class BodySizeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.ContentLength > HumanConnectRequestLimits.MaxBodyBytes
            ? ValueTask.FromResult<object?>(HumanConnectProblems.BodyTooLarge())
            : next(context);
}
