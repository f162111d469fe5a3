using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace HumanConnect.AspNetCore;

/// <summary>
/// Given to <see cref="HumanConnectEvents.OnTokensIssued"/> after Human API issued a user's tokens and the library
/// checked they name this app and the signed-in user, before anything is stored. Call <see cref="Reject"/> to refuse
/// them: nothing is stored and the finish answers a 403 problem with your code.
/// </summary>
public sealed class HumanConnectTokensIssuedContext : HumanConnectEventContext
{
    private static readonly SearchValues<char> ErrorCodeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789_");

    /// <summary>Creates a context.</summary>
    /// <param name="httpContext">The finish request.</param>
    /// <param name="localUserId">The signed-in user's id in the host application.</param>
    /// <param name="humanId">Human API's id for the user.</param>
    /// <param name="clientUserId">The <c>clientUserId</c> Human API confirmed for the user.</param>
    public HumanConnectTokensIssuedContext(HttpContext httpContext, string localUserId, string humanId, string clientUserId)
        : base(httpContext, localUserId)
    {
        ArgumentException.ThrowIfNullOrEmpty(humanId);
        ArgumentException.ThrowIfNullOrEmpty(clientUserId);
        HumanId = humanId;
        ClientUserId = clientUserId;
    }

    /// <summary>Human API's id for the user.</summary>
    public string HumanId { get; }

    /// <summary>The <c>clientUserId</c> Connect ran with, which Human API confirmed and the library checked.</summary>
    public string ClientUserId { get; }

    /// <summary>Whether <see cref="Reject"/> was called.</summary>
    public bool IsRejected => RejectionErrorCode is not null;

    /// <summary>The code <see cref="Reject"/> was given; <see langword="null"/> while the tokens are accepted.</summary>
    public string? RejectionErrorCode { get; private set; }

    /// <summary>The detail <see cref="Reject"/> was given, if any.</summary>
    public string? RejectionDetail { get; private set; }

    /// <summary>
    /// Refuses the tokens: nothing is stored, and the finish answers <c>403 application/problem+json</c> with
    /// <paramref name="errorCode"/> in its <c>errorCode</c> extension and <paramref name="detail"/> as its detail. The
    /// browser sees both: put nothing secret in them. The exchange did happen at Human API, so the user's publicToken
    /// has rotated there; a later <c>POST public-token</c> stores a fresh one. The last call wins.
    /// </summary>
    /// <param name="errorCode">
    /// A stable code for your front end: lowercase letters, digits and <c>_</c>, starting with a letter, at most 64
    /// characters. <see cref="HumanConnectErrorCodes.TokensRejected"/> by default.
    /// </param>
    /// <param name="detail">What the user or a developer can do about it; a default sentence when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="errorCode"/> is not of that form.</exception>
    public void Reject(string errorCode = HumanConnectErrorCodes.TokensRejected, string? detail = null)
    {
        if (!IsErrorCode(errorCode))
        {
            throw new ArgumentException(
                "An error code is lowercase letters, digits and '_', starts with a letter, and has at most 64 characters.", nameof(errorCode));
        }

        RejectionErrorCode = errorCode;
        RejectionDetail = detail;
    }

    private static bool IsErrorCode(string? code) =>
        code is { Length: > 0 and <= 64 } && char.IsAsciiLetterLower(code[0])
        && code.AsSpan().IndexOfAnyExcept(ErrorCodeCharacters) < 0;
}
