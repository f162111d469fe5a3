using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// What one Connect button tells <c>human-connect.js</c>, serialized into its <c>data-human-connect</c> attribute.
/// Everything here is public by nature: no client secret, no access token.
/// </summary>
/// <param name="ClientId">The app's client id.</param>
/// <param name="ClientUserId">The id Connect knows the signed-in user by.</param>
/// <param name="PublicToken">Set in edit mode only; absent in create mode.</param>
/// <param name="FinishUrl">Where <c>human-connect.js</c> posts the sessionTokenObject (carries prefixes and PathBase).</param>
/// <param name="Antiforgery">The request token and how to send it.</param>
/// <param name="Owner">An opaque value naming the signed-in user, to tell whose Connect session the browser holds.</param>
internal sealed record HumanConnectClientConfig(
    string ClientId,
    string ClientUserId,
    string? PublicToken,
    string FinishUrl,
    HumanConnectClientAntiforgery Antiforgery,
    string Owner)
{
    /// <summary>Connect's UI language (<c>language</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Connect's UI mode (<c>mode</c>).</summary>
    public string? Mode { get; init; }

    /// <summary><c>1</c> for an in-page modal; absent otherwise, as Human API's script expects.</summary>
    public int? Modal { get; init; }

    /// <summary>Where Human API's script loads its hosted page from; absent to use Human API's own host.</summary>
    [JsonPropertyName("_baseURL")]
    public string? BaseUrl { get; init; }

    /// <summary>Where the browser goes after a successful finish; absent to reload the page.</summary>
    public string? RedirectUrl { get; init; }

    /// <summary>Further Connect options, passed to <c>HumanConnect.open</c> untouched.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

/// <summary>How <c>human-connect.js</c> proves the finish request is not forged.</summary>
/// <param name="Token">The antiforgery request token of this page.</param>
/// <param name="HeaderName">The header that carries it; absent when the host accepts it as a form field only.</param>
/// <param name="FormFieldName">The form field that carries it when there is no header.</param>
internal sealed record HumanConnectClientAntiforgery(string Token, string? HeaderName, string FormFieldName);
