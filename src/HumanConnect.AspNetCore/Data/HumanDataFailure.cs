namespace HumanConnect.AspNetCore;

/// <summary>
/// Why a call of the data client produced no value. A host switches on it: each kind calls for one reaction.
/// </summary>
public enum HumanDataFailure
{
    /// <summary>No failure: the call succeeded.</summary>
    None = 0,

    /// <summary>The user never connected (nothing is stored for them): show the Connect button in create mode.</summary>
    NotConnected,

    /// <summary>
    /// Human API no longer accepts the user's access token (it answered 401: the user was deleted or revoked access), or
    /// the stored token was lost. The stored record is marked, the Connect button opens in edit mode with
    /// <c>data-human-connect-state="reconnect"</c>, and the next connect stores a new token. Asking again before that
    /// answers this at once, without calling Human API.
    /// </summary>
    ReconnectRequired,

    /// <summary>Human API has no such record (404), for example an id of another user or one since deleted.</summary>
    NotFound,

    /// <summary>Human API answered 429 on every attempt, or asked to wait longer than the client waits; see <see cref="HumanDataResult{T}.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>Human API could not be reached, answered 5xx on every attempt, another 4xx, or a redirect (never followed: it would resend the token).</summary>
    Unavailable,

    /// <summary>Human API did not answer within <see cref="HumanConnectOptions.UpstreamTimeout"/>, on every attempt.</summary>
    Timeout,

    /// <summary>Human API answered 2xx with something that is not the expected JSON, or larger than <see cref="HumanConnectOptions.MaxDataResponseBytes"/>.</summary>
    InvalidResponse,

    /// <summary>The <see cref="HumanDataQuery"/>, an id or a date was refused before any call; <see cref="HumanDataResult{T}.Errors"/> says why.</summary>
    InvalidQuery,

    /// <summary>The token store could not be read. Nothing was sent to Human API.</summary>
    StoreUnavailable,
}
