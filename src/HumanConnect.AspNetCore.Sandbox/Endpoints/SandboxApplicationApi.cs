using System.Text;
using HumanConnect.AspNetCore.Sandbox.Data;
using HumanConnect.AspNetCore.Sandbox.Faults;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// Human API's Application API for the sandbox app, <c>{prefix}/v1/apps/{clientId}/users</c>: list the app's users,
/// read one, delete one. HTTP Basic with the App Key as the user name and an empty password. It logs outcomes, never
/// the key.
/// </summary>
internal sealed class SandboxApplicationApi(
    SandboxState state,
    SandboxCredentials credentials,
    SandboxFaultPlayer faults,
    ILogger<SandboxApplicationApi> logger)
{
    /// <summary><c>GET users</c>: the app's users, oldest first, paged like the data API's lists.</summary>
    public Task ListAsync(HttpContext httpContext) => ServeAsync(httpContext, clientId =>
    {
        var (query, error) = DataQuery.Parse(httpContext.Request.Query);
        if (query is null)
        {
            logger.ApplicationApiRefused(StatusCodes.Status400BadRequest, error!.ErrorCode);
            return SandboxProblems.InvalidQuery(error.ErrorCode, error.Detail);
        }

        var users = state.ListUsers(clientId);
        var page = DataPaging.Page(users, query.Limit, query.Offset);
        var request = httpContext.Request;
        var headers = httpContext.Response.Headers;
        headers["X-Total-Count"] = users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path);
        if (DataPaging.Links(url, request.QueryString.Value ?? string.Empty, users.Count, query.Limit, query.Offset) is { } links)
        {
            headers.Link = links;
        }

        return TypedResults.Json(page.ConvertAll(Wire), SandboxJsonContext.Default.ListApplicationUser);
    });

    /// <summary><c>GET users/{humanId}</c>: one user; 404 when the app has none with that humanId.</summary>
    public Task GetAsync(HttpContext httpContext) => ServeAsync(httpContext, clientId =>
        state.FindUser(clientId, HumanId(httpContext)) is { } user
            ? TypedResults.Json(Wire(user), SandboxJsonContext.Default.ApplicationUser)
            : NotFound());

    /// <summary>
    /// <c>DELETE users/{humanId}</c>: 204 with no body. The user's tokens then answer 401 and a later Connect for the
    /// same clientUserId starts in create mode; 404 when the app has no such user.
    /// </summary>
    public Task DeleteAsync(HttpContext httpContext) => ServeAsync(httpContext, clientId =>
    {
        var humanId = HumanId(httpContext);
        if (!state.DeleteUser(clientId, humanId))
        {
            return NotFound();
        }

        logger.UserDeleted(humanId);
        return TypedResults.NoContent();
    });

    private async Task ServeAsync(HttpContext httpContext, Func<string, IResult> answer)
    {
        if (await faults.PlayAsync(httpContext, SandboxEndpoint.ApplicationApi))
        {
            return;
        }

        SandboxHttp.NoStore(httpContext);
        var clientId = httpContext.Request.RouteValues["clientId"] as string;
        IResult result;
        if (!credentials.IsAppKeyValid(clientId, BasicUserName(httpContext.Request)))
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"Human API sandbox\", charset=\"UTF-8\"";
            logger.ApplicationApiRefused(StatusCodes.Status401Unauthorized, "a wrong or missing App Key, or another app's clientId");
            result = SandboxProblems.InvalidAppKey();
        }
        else
        {
            result = answer(clientId!);
        }

        try
        {
            await result.ExecuteAsync(httpContext);
        }
        catch (OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client left while the answer was being written: there is no one to tell.
        }
    }

    private ProblemHttpResult NotFound()
    {
        logger.ApplicationApiRefused(StatusCodes.Status404NotFound, "an unknown humanId");
        return SandboxProblems.UserNotFound();
    }

    private static string HumanId(HttpContext httpContext) => httpContext.Request.RouteValues["humanId"] as string ?? string.Empty;

    private static ApplicationUser Wire(SandboxUserView user) =>
        new(user.HumanId, user.ClientUserId, user.ClientId, DemoTime.Instant(user.CreatedAt), DemoTime.Instant(user.UpdatedAt));

    /// <summary>
    /// The user name of the one <c>Authorization: Basic</c> header, when its password is empty as Human API's App Key
    /// scheme has it; <see langword="null"/> for anything else (no header, several, another scheme, bad base64, a password).
    /// </summary>
    private static string? BasicUserName(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count != 1 || headers[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var encoded = value["Basic ".Length..].Trim();
        var bytes = new byte[((encoded.Length + 3) / 4) * 3];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && colon == decoded.Length - 1 ? decoded[..colon] : null;
    }
}
