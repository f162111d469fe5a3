using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
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
/// posts a form.
/// </remarks>
internal sealed class AntiforgeryFilter(IAntiforgery antiforgery, IOptions<AntiforgeryOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var httpContext = context.HttpContext;
        var headerName = options.Value.HeaderName;

        // Without the header, IAntiforgery would look for the token in a form field, reading (and parsing) the body
        // to find it: refuse first, so a token is accepted only where it was rendered for, and no body is read.
        if (headerName is not null && StringValues.IsNullOrEmpty(httpContext.Request.Headers[headerName]))
        {
            return HumanConnectProblems.AntiforgeryFailed();
        }

        bool valid;
        try
        {
            valid = await antiforgery.IsRequestValidAsync(httpContext);
        }
        catch (AntiforgeryValidationException ex) when (ex.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // The form holding the token was too large to read: the same answer the binding gives such a body.
            return HumanConnectProblems.BodyTooLarge();
        }
        catch (AntiforgeryValidationException ex) when (ex.InnerException is InvalidDataException)
        {
            // The form broke a form limit other than size (too many fields, too long a name).
            return HumanConnectProblems.MalformedBody(
                $"The form has more than {SessionTokenBindingFilter.FormValueCountLimit} fields or a field name longer than {SessionTokenBindingFilter.FormKeyLengthLimit} characters; post the sessionTokenObject's fields only.");
        }
        catch (AntiforgeryValidationException)
        {
            // The form holding the token could not be read for another reason (the client went away, say): there is
            // no token to accept.
            return HumanConnectProblems.AntiforgeryFailed();
        }

        return valid ? await next(context) : HumanConnectProblems.AntiforgeryFailed();
    }
}
