using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Given to <see cref="HumanConnectEvents.OnFailure"/> when a connect, refresh or disconnect fails, before the
/// problem is answered. It says what failed and why, by code; it never carries a secret or an upstream body.
/// </summary>
public sealed class HumanConnectFailureContext : HumanConnectEventContext
{
    /// <summary>Creates a context.</summary>
    /// <param name="httpContext">The request that failed.</param>
    /// <param name="localUserId">The signed-in user's id in the host application.</param>
    /// <param name="operation">What the user was doing.</param>
    /// <param name="errorCode">The <c>errorCode</c> of the problem answered.</param>
    public HumanConnectFailureContext(HttpContext httpContext, string localUserId, HumanConnectOperation operation, string errorCode)
        : base(httpContext, localUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        Operation = operation;
        ErrorCode = errorCode;
    }

    /// <summary>What the user was doing.</summary>
    public HumanConnectOperation Operation { get; }

    /// <summary>
    /// The <c>errorCode</c> the problem answer carries: one of <see cref="HumanConnectErrorCodes"/>, or the code your
    /// own <see cref="HumanConnectTokensIssuedContext.Reject"/> gave.
    /// </summary>
    public string ErrorCode { get; }
}
