using System.Security.Cryptography;

namespace HumanConnect.AspNetCore;

/// <summary>
/// The rule for <see cref="IHumanTokenStore"/> implementations that encrypt with ASP.NET Core Data Protection and
/// can no longer open a record: the record is lost only when its key is gone, never because of an outage.
/// </summary>
public static class HumanTokenStoreRecovery
{
    /// <summary>
    /// Whether a failed <c>Unprotect</c> means the record can never be opened again (its key is not in the ring, was
    /// revoked, or the payload does not verify), rather than that the key ring could not be loaded right now (its Redis
    /// or file share is down). Data Protection wraps both in a <see cref="CryptographicException"/>; only a failure made
    /// of cryptographic errors alone is a lost key. A store then returns <see cref="Unreadable"/> instead of throwing;
    /// on any other failure it throws, and the endpoints answer 503.
    /// </summary>
    /// <param name="exception">What <c>Unprotect</c> threw.</param>
    public static bool IsKeyLost(CryptographicException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is not CryptographicException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// What a store returns for a record it can no longer decrypt but whose humanId it knows: that humanId, an empty
    /// <see cref="HumanTokens.AccessToken"/> ("connect again") and no publicToken. The Connect button then fetches a
    /// publicToken for the humanId and opens Connect in edit mode, and the user's next connect stores fresh tokens.
    /// </summary>
    /// <param name="humanId">Human API's id for the user, kept readable beside the encrypted data.</param>
    /// <param name="clientUserId">The <c>clientUserId</c> Connect knows the user by.</param>
    public static HumanTokens Unreadable(string humanId, string clientUserId) => new(humanId, string.Empty, null, clientUserId);
}
