using HumanConnect.AspNetCore.Flow;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Binds the finish endpoint's body: the sessionTokenObject as JSON, or as a form (Human API's own snippet posts
/// it with jQuery's <c>$.post</c>). Reading is bounded, parsing is strict, and only <c>humanId</c>,
/// <c>clientId</c> and <c>sessionToken</c> are kept. Validating their values is the next step, not this one.
/// </summary>
internal static class SessionTokenBody
{
    private const string Empty = "The body is empty; post the sessionTokenObject Connect passed to finish.";

    /// <summary>The sessionTokenObject, or the problem to answer instead.</summary>
    public static async Task<(SessionTokenObject? SessionToken, ProblemHttpResult? Problem)> ReadAsync(HttpContext httpContext, ILogger logger)
    {
        var kind = RequestContent.KindOf(httpContext.Request);
        if (kind == RequestContentKind.Unsupported)
        {
            return (null, HumanConnectProblems.UnsupportedMediaType());
        }

        // A host whose antiforgery token travels as a form field had the form read (strictly) by the antiforgery
        // check already; the body cannot be read twice.
        if (kind == RequestContentKind.Form && httpContext.Features.Get<IFormFeature>()?.Form is { } form)
        {
            return FromForm(form);
        }

        var (body, problem) = await RequestBody.ReadAsync(httpContext, logger);
        if (body is null)
        {
            return (null, problem);
        }

        using (body)
        {
            if (body.Length == 0)
            {
                return (null, HumanConnectProblems.MalformedBody(Empty));
            }

            if (kind == RequestContentKind.Json)
            {
                var failure = SessionTokenJson.TryParse(body.Span, out var sessionToken);
                return failure is null ? (sessionToken, null) : (null, HumanConnectProblems.MalformedBody(failure));
            }

            var formFailure = UrlEncodedForm.TryParse(body.Span, out var fields);
            return formFailure is null ? FromForm(new FormCollection(fields)) : (null, HumanConnectProblems.MalformedBody(formFailure));
        }
    }

    private static (SessionTokenObject?, ProblemHttpResult?) FromForm(IFormCollection form)
    {
        if (form.Count == 0)
        {
            return (null, HumanConnectProblems.MalformedBody(Empty));
        }

        return (new SessionTokenObject(Single(form, "humanId"), Single(form, "clientId"), Single(form, "sessionToken")), null);
    }

    /// <summary>
    /// The field's value. The strict parser refuses repeated fields; a form another reader parsed might still hold
    /// two values, which count as none rather than picking one.
    /// </summary>
    private static string? Single(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values) && values.Count == 1 ? values[0] : null;
}
