using System.Text.Json.Serialization;

namespace HumanConnect.AspNetCore.Rendering;

/// <summary>
/// The Connect options, schema <see cref="SchemaV1"/>: what <c>GET {prefix}/connect/options</c> answers, what a
/// button's <c>data-human-connect</c> attribute carries, and what the Blazor component hands to
/// <c>human-connect.js</c>. Built in one place (<see cref="ConnectOptionsBuilder"/>); the README documents it.
/// Everything here is public by nature: no client secret, no access token.
/// </summary>
/// <remarks>
/// Adding a property keeps the schema name; renaming or removing one, or changing what one means, is a new schema
/// (<c>human-connect-options/2</c>), which <c>human-connect.js</c> refuses to read as the old one.
/// </remarks>
internal sealed record HumanConnectClientConfig
{
    /// <summary>The schema name and version every answer carries first.</summary>
    public const string SchemaV1 = "human-connect-options/1";

    /// <summary>The schema name and version: <see cref="SchemaV1"/>.</summary>
    public string Schema { get; init; } = SchemaV1;

    /// <summary>
    /// <see cref="ConnectOptionsStates.Create"/>, <see cref="ConnectOptionsStates.Edit"/>,
    /// <see cref="ConnectOptionsStates.Reconnect"/> (edit mode; the stored access token is gone, so the user must connect again) or
    /// <see cref="ConnectOptionsStates.Unavailable"/> (the store or Human API failed; only <see cref="Message"/> follows).
    /// </summary>
    public required string State { get; init; }

    /// <summary>
    /// <c>"v2"</c> when the app runs Human API's current Connect (<see cref="HumanConnectVersion.V2"/>): Connect opens
    /// with <see cref="Token"/> and <c>humanapi-connect-client</c>, and changes are confirmed at <see cref="SyncUrl"/>.
    /// Absent for the legacy flow.
    /// </summary>
    public string? ConnectVersion { get; init; }

    /// <summary>Connect v2: the <c>session</c> (create) or <c>id</c> (edit) token Connect opens with, minted for this user.</summary>
    public string? Token { get; init; }

    /// <summary>Connect v2: where the browser asks the server to confirm what Connect changed (carries prefixes and PathBase).</summary>
    public string? SyncUrl { get; init; }

    /// <summary>Set when <see cref="State"/> is unavailable: the text to show instead of a working button.</summary>
    public string? Message { get; init; }

    /// <summary>The app's client id.</summary>
    public string? ClientId { get; init; }

    /// <summary>The id Connect knows the signed-in user by.</summary>
    public string? ClientUserId { get; init; }

    /// <summary>Set in edit mode only; absent in create mode.</summary>
    public string? PublicToken { get; init; }

    /// <summary>An opaque value naming the signed-in user, to tell whose Connect session the browser holds.</summary>
    public string? Owner { get; init; }

    /// <summary>Where <c>human-connect.js</c> posts the sessionTokenObject (carries prefixes and PathBase).</summary>
    public string? FinishUrl { get; init; }

    /// <summary>This endpoint, <c>GET {prefix}/connect/options</c>: where a page fetches these options again.</summary>
    public string? OptionsUrl { get; init; }

    /// <summary>The antiforgery request token for the finish and public-token requests, and how to send it.</summary>
    public HumanConnectClientAntiforgery? Antiforgery { get; init; }

    /// <summary>Human API's Connect script, which <c>human-connect.js</c> loads when the page has not.</summary>
    public string? ConnectScriptUrl { get; init; }

    /// <summary>The image a button shows when it has no content of its own.</summary>
    public string? ButtonImageUrl { get; init; }

    /// <summary>Connect's UI language (<c>language</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Connect's UI mode (<c>mode</c>).</summary>
    public string? Mode { get; init; }

    /// <summary><c>1</c> for an in-page modal; absent otherwise, as Human API's script expects.</summary>
    public int? Modal { get; init; }

    /// <summary>
    /// Where Human API's script loads its hosted page from (legacy: <see cref="HumanConnectOptions.ConnectBaseUrl"/>;
    /// Connect v2: <see cref="HumanConnectOptions.ConnectClientBaseUrl"/>), absolute; absent to use Human API's own host.
    /// </summary>
    [JsonPropertyName("_baseURL")]
    public string? BaseUrl { get; init; }

    /// <summary>Where the browser goes after a successful finish; absent to reload the page.</summary>
    public string? RedirectUrl { get; init; }

    /// <summary>Further Connect options, passed to <c>HumanConnect.open</c> untouched.</summary>
    public IReadOnlyDictionary<string, string>? Options { get; init; }
}

/// <summary>The values of <see cref="HumanConnectClientConfig.State"/>.</summary>
internal static class ConnectOptionsStates
{
    /// <summary>The user never connected: Connect opens in create mode.</summary>
    public const string Create = "create";

    /// <summary>A publicToken is known: Connect opens in edit mode.</summary>
    public const string Edit = "edit";

    /// <summary>
    /// Edit mode for a user whose stored access token is gone (Human API refused it with a 401, or its key was lost):
    /// Connect opens in edit mode, and the next connect stores a new token.
    /// </summary>
    public const string Reconnect = "reconnect";

    /// <summary>The user connected before, but no publicToken could be had: opening Connect would fail.</summary>
    public const string Unavailable = "unavailable";
}

/// <summary>How <c>human-connect.js</c> proves the finish request is not forged.</summary>
/// <param name="Token">The antiforgery request token of this page.</param>
/// <param name="HeaderName">The header that carries it; absent when the host accepts it as a form field only.</param>
/// <param name="FormFieldName">The form field that carries it when there is no header.</param>
internal sealed record HumanConnectClientAntiforgery(string Token, string? HeaderName, string FormFieldName);
