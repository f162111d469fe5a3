namespace HumanConnect.AspNetCore;

/// <summary>
/// Persists the <see cref="HumanTokens"/> of each local user. The library reads it to render the Connect button
/// and writes it after every token exchange.
/// </summary>
/// <remarks>
/// <para>
/// The default implementation keeps the tokens in <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>,
/// encrypted with ASP.NET Core Data Protection. Replace it with
/// <see cref="HumanConnectBuilder.AddTokenStore{TStore}"/> to keep tokens
/// beside your own user records.
/// </para>
/// <para>
/// An implementation must keep the access token confidential at rest, must make <see cref="SaveAsync"/> atomic
/// (a reader sees the old record or the new one, never a mix), and should throw when the backing store is
/// unavailable: the endpoints turn such failures into a <c>503</c> answer.
/// </para>
/// <para>
/// A store that can no longer decrypt what it holds for a user (the Data Protection key ring was lost or replaced)
/// but still knows the user's humanId should not throw: it returns the humanId with an empty
/// <see cref="HumanTokens.AccessToken"/> and a <see langword="null"/> <see cref="HumanTokens.PublicToken"/>. The
/// Connect button then fetches a publicToken for that humanId and opens Connect in edit mode, and the user's next
/// connect stores new tokens. Throwing instead disables the button for that user until the key ring comes back.
/// </para>
/// </remarks>
public interface IHumanTokenStore
{
    /// <summary>Reads the tokens stored for a local user.</summary>
    /// <param name="localUserId">The host application's own id for the user, as the user resolver returned it.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>
    /// The stored tokens, or <see langword="null"/> when the user never connected (or was removed). The access token
    /// is empty when it could not be decrypted any more (see the remarks).
    /// </returns>
    Task<HumanTokens?> GetAsync(string localUserId, CancellationToken cancellationToken);

    /// <summary>Stores the tokens of a local user, replacing whatever was stored for that user before.</summary>
    /// <param name="localUserId">The host application's own id for the user.</param>
    /// <param name="tokens">The tokens to keep. They do not expire on their own.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SaveAsync(string localUserId, HumanTokens tokens, CancellationToken cancellationToken);

    /// <summary>Forgets the tokens of a local user. Removing a user that has nothing stored is not an error.</summary>
    /// <param name="localUserId">The host application's own id for the user.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    Task RemoveAsync(string localUserId, CancellationToken cancellationToken);
}
