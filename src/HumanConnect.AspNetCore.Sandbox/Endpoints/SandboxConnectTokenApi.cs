using HumanConnect.AspNetCore.Sandbox.Faults;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// Connect v2's token endpoint, <c>POST {prefix}/v1/connect/token</c>: <c>session</c>, <c>id</c> and <c>access</c>
/// tokens for a <c>client_user_id</c>, signed with the client secret. Errors come in the shape of Human API's newer
/// services, each with a request id (also in the <c>x-humanapi-request-id</c> header, success or not). It logs the
/// type, the outcome and the request id, never a body, a token or the secret.
/// </summary>
/// <remarks>
/// Refusals: 401 <c>invalid_client</c> (unknown client_id or wrong secret, compared in constant time); 400
/// <c>invalid_type</c>, <c>missing_client_user_id</c>, <c>client_user_id_too_long</c>, and the body errors every sandbox
/// endpoint has; 404 <c>user_not_found</c> (<c>id</c> or <c>access</c> for a client_user_id the sandbox does not know,
/// or whose user was deleted) and 404 <c>no_connected_sources</c> (<c>access</c> for a user with no connected source).
/// Human API does not document the rejection's status; 404 is what integrations treat as "start a session".
/// </remarks>
internal sealed class SandboxConnectTokenApi(
    SandboxState state,
    SandboxCredentials credentials,
    SandboxFaultPlayer faults,
    ILogger<SandboxConnectTokenApi> logger)
{
    /// <summary>The header (and error field) carrying the id of each request, as Human API's services send it.</summary>
    public const string RequestIdHeader = "x-humanapi-request-id";

    private const string UnknownType = "unknown";

    public async Task TokenAsync(HttpContext httpContext)
    {
        if (await faults.PlayAsync(httpContext, SandboxEndpoint.ConnectToken))
        {
            return;
        }

        SandboxHttp.NoStore(httpContext);
        var requestId = Guid.NewGuid().ToString("D");
        httpContext.Response.Headers[RequestIdHeader] = requestId;
        await SandboxHttp.AnswerAsync(
            httpContext,
            ConnectTokenJsonContext.Default.ConnectTokenRequest,
            request => Mint(request, requestId),
            error => Refuse(UnknownType, error.Status, error.Body.Code.ToLowerInvariant(), error.Body.DetailedMessage, requestId));
    }

    private IResult Mint(ConnectTokenRequest request, string requestId)
    {
        // Only the three known values are ever logged: the field is the caller's free text.
        var type = request.Type is "session" or "id" or "access" ? request.Type : UnknownType;
        if (!credentials.AreValid(request.ClientId, request.ClientSecret))
        {
            return Refuse(type, StatusCodes.Status401Unauthorized, "invalid_client", "client_id or client_secret is wrong.", requestId);
        }

        if (type == UnknownType)
        {
            return Refuse(type, StatusCodes.Status400BadRequest, "invalid_type", "type is required: session, id or access.", requestId);
        }

        if (string.IsNullOrEmpty(request.ClientUserId))
        {
            return Refuse(type, StatusCodes.Status400BadRequest, "missing_client_user_id", "client_user_id is required.", requestId);
        }

        if (request.ClientUserId.Length > SandboxUsers.MaxClientUserIdLength)
        {
            return Refuse(type, StatusCodes.Status400BadRequest, "client_user_id_too_long",
                $"client_user_id must be at most {SandboxUsers.MaxClientUserIdLength} characters.", requestId);
        }

        var clientId = request.ClientId!;
        if (type == "session")
        {
            var session = state.MintSession(clientId, request.ClientUserId);
            logger.ConnectTokenMinted(type, requestId);
            return SandboxHttp.Json(
                new ConnectSessionAnswer(session.Token, session.HumanId, Seconds(session.Lifetime)), ConnectTokenJsonContext.Default.ConnectSessionAnswer);
        }

        var minted = type == "id" ? state.MintId(clientId, request.ClientUserId) : state.MintAccess(clientId, request.ClientUserId);
        if (minted.Value is not { } token)
        {
            return minted.Refusal == ConnectTokenRefusal.NoConnectedSources
                ? Refuse(type, StatusCodes.Status404NotFound, "no_connected_sources",
                    "The user has no connected data source: an access token is issued only once they connect one. Start a Connect session instead.", requestId)
                : Refuse(type, StatusCodes.Status404NotFound, "user_not_found",
                    "No active user has this client_user_id (never connected, or deleted): start a Connect session instead.", requestId);
        }

        logger.ConnectTokenMinted(type, requestId);
        return type == "id"
            ? SandboxHttp.Json(new ConnectIdAnswer(token.Token, Seconds(token.Lifetime)), ConnectTokenJsonContext.Default.ConnectIdAnswer)
            : SandboxHttp.Json(
                new ConnectAccessAnswer(token.Token, Seconds(token.Lifetime), "Bearer", token.RefreshToken!), ConnectTokenJsonContext.Default.ConnectAccessAnswer);
    }

    private IResult Refuse(string type, int status, string error, string message, string requestId)
    {
        logger.ConnectTokenRefused(type, status, error, requestId);
        return SandboxHttp.Json(new ConnectError(status, error, message, requestId), ConnectTokenJsonContext.Default.ConnectError, status);
    }

    private static long Seconds(TimeSpan lifetime) => (long)lifetime.TotalSeconds;
}
