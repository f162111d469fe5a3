using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>The problem answers only Connect v2 adds; the others are <see cref="HumanConnectProblems"/>'.</summary>
internal static class ConnectV2Problems
{
    public static ProblemHttpResult VersionMismatch(HumanConnectVersion endpointVersion, HumanConnectVersion configured) =>
        TypedResults.Problem(
            endpointVersion == HumanConnectVersion.V2
                ? $"This endpoint belongs to Connect v2, and HumanConnect:ConnectVersion is {configured}. The legacy button posts to connect/finish instead."
                : $"This endpoint belongs to the legacy Connect flow, and HumanConnect:ConnectVersion is {configured}. The v2 button posts to connect/sync instead.",
            statusCode: StatusCodes.Status404NotFound,
            title: "This Connect flow is not enabled.",
            extensions: new Dictionary<string, object?> { [HumanConnectProblems.ErrorCodeKey] = HumanConnectErrorCodes.ConnectVersionMismatch });
}
