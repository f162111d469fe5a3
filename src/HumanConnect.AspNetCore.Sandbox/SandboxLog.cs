using HumanConnect.AspNetCore.Sandbox.Faults;
using Microsoft.Extensions.Logging;

namespace HumanConnect.AspNetCore.Sandbox;

/// <summary>
/// Every log event of the sandbox assembly, in one place so that operators can filter on ids and names that stay put.
/// Ids run from 1001 up, in order, clear of the main library's; an id is never reused, even after its event is
/// removed: take the next one after the last.
/// </summary>
internal static partial class SandboxLog
{
    [LoggerMessage(1001, LogLevel.Warning, "The Human API sandbox is mapped at {Prefix} in Production, as HumanApiSandboxOptions.AllowInProduction allows. Its credentials are public: never serve real users from this host.", EventName = "SandboxMappedInProduction")]
    public static partial void MappedInProduction(this ILogger logger, string prefix);

    [LoggerMessage(1002, LogLevel.Error, "UseHumanApiSandbox needs the app to listen on a real address (Kestrel, started): the server reports none.", EventName = "SandboxNoServerAddress")]
    public static partial void NoServerAddress(this ILogger logger);

    [LoggerMessage(1003, LogLevel.Information, "Sandbox {Endpoint} plays an injected {Fault} fault.", EventName = "SandboxFaultPlayed")]
    public static partial void FaultPlayed(this ILogger logger, SandboxEndpoint endpoint, SandboxFaultKind fault);

    [LoggerMessage(1004, LogLevel.Information, "Sandbox {Endpoint} refused a request: {Reason}.", EventName = "SandboxRefused")]
    public static partial void Refused(this ILogger logger, string endpoint, string reason);

    [LoggerMessage(1005, LogLevel.Debug, "Sandbox exchanged a session token.", EventName = "SandboxExchanged")]
    public static partial void Exchanged(this ILogger logger);

    [LoggerMessage(1006, LogLevel.Warning, "The Human API sandbox could not write its state file {Path}; the change is kept in memory and the next change writes the whole state again.", EventName = "SandboxStateFileWriteFailed")]
    public static partial void StateFileWriteFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(1007, LogLevel.Debug, "Sandbox data API answered {Family} ({Shape}) with {Count} of {Total} records.", EventName = "SandboxDataRead")]
    public static partial void DataRead(this ILogger logger, string family, string shape, int count, int total);

    [LoggerMessage(1008, LogLevel.Information, "Sandbox data API refused a request with {Status}: {Reason}.", EventName = "SandboxDataRefused")]
    public static partial void DataRefused(this ILogger logger, int status, string reason);

    [LoggerMessage(1009, LogLevel.Information, "Sandbox Application API refused a request with {Status}: {Reason}.", EventName = "SandboxApplicationApiRefused")]
    public static partial void ApplicationApiRefused(this ILogger logger, int status, string reason);

    [LoggerMessage(1010, LogLevel.Information, "Sandbox Application API deleted user {HumanId}: their tokens no longer work.", EventName = "SandboxUserDeleted")]
    public static partial void UserDeleted(this ILogger logger, string humanId);

    [LoggerMessage(1020, LogLevel.Debug, "Sandbox Connect v2 token endpoint minted a {Type} token (request {RequestId}).", EventName = "SandboxConnectTokenMinted")]
    public static partial void ConnectTokenMinted(this ILogger logger, string type, string requestId);

    [LoggerMessage(1021, LogLevel.Information, "Sandbox Connect v2 token endpoint refused a {Type} request with {Status} {Error} (request {RequestId}).", EventName = "SandboxConnectTokenRefused")]
    public static partial void ConnectTokenRefused(this ILogger logger, string type, int status, string error, string requestId);

    [LoggerMessage(1022, LogLevel.Information, "Sandbox's hosted v2 Connect page refused a call with {Status} {Error}.", EventName = "SandboxConnectPageRefused")]
    public static partial void ConnectPageRefused(this ILogger logger, int status, string error);

    [LoggerMessage(1023, LogLevel.Debug, "Sandbox's hosted v2 Connect page {Change} a source for user {HumanId}.", EventName = "SandboxConnectPageSourceChanged")]
    public static partial void ConnectPageSourceChanged(this ILogger logger, string change, string humanId);
}
