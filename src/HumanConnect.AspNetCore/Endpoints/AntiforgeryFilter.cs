using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Rejects a request whose antiforgery token is missing or wrong. Checked here, explicitly: ASP.NET Core's
/// antiforgery middleware only records a verdict for endpoints that do not bind forms, it never rejects them.
/// </summary>
/// <remarks>
/// The token travels in the header the host's <see cref="AntiforgeryOptions.HeaderName"/> names
/// (<c>RequestVerificationToken</c> by default), which is where the button tells human-connect.js to put it. Only a
/// host that set the header name to <see langword="null"/> gets the form-field fallback, and human-connect.js then
/// posts a form: this filter reads that form itself, with the same bounded read and strict parser as the finish
/// body, and hands it to antiforgery (and to the finish binding) as the request's form.
/// </remarks>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options, ILogger logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        var headerName = options.Value.HeaderName;
        if (headerName is not null)
        {
            // Without the header, IAntiforgery would look for the token in a form field, reading (and parsing) the
            // body to find it: refuse first, so a token is accepted only where it was rendered for.
            if (StringValues.IsNullOrEmpty(httpContext.Request.Headers[headerName]))
            {
                return HumanConnectProblems.AntiforgeryFailed();
            }
        }
        else
        {
            // The token can only be in a form field; a body that is not a form has none.
            if (RequestContent.KindOf(httpContext.Request) != RequestContentKind.Form)
            {
                return HumanConnectProblems.AntiforgeryFailed();
            }

            var problem = await ReadFormAsync(httpContext);
            if (problem is not null)
            {
                return problem;
            }
        }

        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(httpContext);
        }
        catch (AntiforgeryValidationException)
        {
            valid = false;
        }

        return valid ? await next(context) : HumanConnectProblems.AntiforgeryFailed();
    }

    private async Task<object?> ReadFormAsync(HttpContext httpContext)
    {
        var (body, problem) = await RequestBody.ReadAsync(httpContext, logger);
        if (body is null)
        {
            return problem;
        }

        using (body)
        {
            var failure = UrlEncodedForm.TryParse(body.Span, out var fields);
            if (failure is not null)
            {
                return HumanConnectProblems.MalformedBody(failure);
            }

            httpContext.Features.Set<IFormFeature>(new FormFeature(new FormCollection(fields)));
            return null;
        }
    }
}
