using HumanConnect.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// Answers <c>404 connect_version_mismatch</c> when an endpoint of one flow is called while
/// <see cref="HumanConnectOptions.ConnectVersion"/> names the other, before its body is read: a legacy finish would
/// store legacy tokens for a v2 app, and a v2 sync means nothing to a legacy one. Every endpoint is mapped in both
/// modes, so switching the option (even while the app runs) needs no change to the mapping.
/// </summary>
internal sealed class ConnectVersionFilter(HumanConnectVersion version, IOptionsMonitor<HumanConnectOptions> options, ILogger logger) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var current = options.CurrentValue.ConnectVersion;
        if (current == version)
        {
            return next(context);
        }

        HumanConnectLog.ConnectVersionMismatch(logger, version.ToString(), current.ToString());
        return ValueTask.FromResult<object?>(ConnectV2Problems.VersionMismatch(version, current));
    }
}
