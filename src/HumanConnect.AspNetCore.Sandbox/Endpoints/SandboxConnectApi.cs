using HumanConnect.AspNetCore.Sandbox.Faults;
using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox.Endpoints;

/// <summary>
/// Human API's server-to-server endpoints (<c>tokens</c>, <c>publictokens</c>) and the sandbox-only
/// <c>sessions</c> shortcut. They log outcomes, never a body, a token or the secret.
/// </summary>
internal sealed class SandboxConnectApi(
    SandboxState state,
    SandboxCredentials credentials,
    SandboxFaultPlayer faults,
    ILogger<SandboxConnectApi> logger)
{
    /// <summary><c>POST tokens</c>: 401 for wrong credentials, 400 for an unknown, expired or spent session token.</summary>
    public async Task TokensAsync(HttpContext httpContext)
    {
        if (await faults.PlayAsync(httpContext, SandboxEndpoint.Tokens))
        {
            return;
        }

        SandboxHttp.NoStore(httpContext);
        await SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.TokensRequest, Exchange);
    }

    /// <summary><c>POST publictokens</c>: 401 for wrong credentials or an unknown humanId.</summary>
    public async Task PublicTokensAsync(HttpContext httpContext)
    {
        if (await faults.PlayAsync(httpContext, SandboxEndpoint.PublicTokens))
        {
            return;
        }

        SandboxHttp.NoStore(httpContext);
        await SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.PublicTokensRequest, NewPublicToken);
    }

    /// <summary>
    /// <c>POST sessions</c>: mints the sessionTokenObject Connect's "Done" would, without the UI. It demands the
    /// client secret: the shortcut is for tests and scripts on the server side, never for a page.
    /// </summary>
    public Task SessionsAsync(HttpContext httpContext)
    {
        SandboxHttp.NoStore(httpContext);
        return SandboxHttp.AnswerAsync(httpContext, SandboxJsonContext.Default.SessionsRequest, CreateSession);
    }

    private IResult Exchange(TokensRequest request)
    {
        if (!credentials.AreValid(request.ClientId, request.ClientSecret))
        {
            logger.Refused("tokens", "invalid client credentials");
            return SandboxHttp.Error(SandboxErrors.InvalidClient());
        }

        if (string.IsNullOrEmpty(request.HumanId) || string.IsNullOrEmpty(request.SessionToken))
        {
            return SandboxHttp.Error(SandboxErrors.MissingParameter(string.IsNullOrEmpty(request.HumanId) ? "humanId" : "sessionToken"));
        }

        var answer = state.Exchange(request.HumanId, request.ClientId!, request.SessionToken);
        if (answer is null)
        {
            logger.Refused("tokens", "unknown, expired, spent or mismatched session token");
            return SandboxHttp.Error(SandboxErrors.InvalidSessionToken());
        }

        logger.Exchanged();
        return SandboxHttp.Json(answer, SandboxJsonContext.Default.TokensAnswer);
    }

    private IResult NewPublicToken(PublicTokensRequest request)
    {
        if (!credentials.AreValid(request.ClientId, request.ClientSecret))
        {
            logger.Refused("publictokens", "invalid client credentials");
            return SandboxHttp.Error(SandboxErrors.InvalidClient());
        }

        var answer = string.IsNullOrEmpty(request.HumanId) ? null : state.NewPublicToken(request.HumanId, request.ClientId!);
        if (answer is null)
        {
            logger.Refused("publictokens", "unknown humanId");
            return SandboxHttp.Error(SandboxErrors.UnknownHuman());
        }

        return SandboxHttp.Json(answer, SandboxJsonContext.Default.PublicTokensAnswer);
    }

    private IResult CreateSession(SessionsRequest request)
    {
        if (!credentials.AreValid(request.ClientId, request.ClientSecret))
        {
            return SandboxHttp.Error(SandboxErrors.InvalidClient());
        }

        if (string.IsNullOrEmpty(request.ClientUserId))
        {
            return SandboxHttp.Error(SandboxErrors.MissingParameter("clientUserId"));
        }

        var result = state.CreateSession(request.ClientUserId, request.PublicToken, request.Sources);
        return result.Value is { } token
            ? SandboxHttp.Json(token, SandboxJsonContext.Default.SessionTokenObject)
            : SandboxHttp.Error(result.Error!);
    }
}
