using Microsoft.AspNetCore.Http.Features;
using FluentValidation;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Runs the FluentValidation rules on the bound sessionTokenObject. Minimal APIs get no automatic validation
/// from FluentValidation, so this filter is where it happens; failures name every bad field.
/// </summary>
internal sealed class SessionTokenValidationFilter(IValidator<SessionTokenObject> validator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var sessionToken = context.HttpContext.Features.GetRequiredFeature<HumanConnectRequestFeature>().SessionToken!;
        var result = await validator.ValidateAsync(sessionToken, context.HttpContext.RequestAborted);
        return result.IsValid ? await next(context) : HumanConnectProblems.ValidationFailed(result.ToDictionary());
    }
}
