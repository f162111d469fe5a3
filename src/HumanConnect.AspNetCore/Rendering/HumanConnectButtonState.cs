namespace HumanConnect.AspNetCore.Rendering;

/// <summary>What the Connect button can offer the current visitor.</summary>
internal enum HumanConnectButtonKind
{
    /// <summary>Nobody is signed in: there is no user to bind a connection to.</summary>
    SignedOut,

    /// <summary>The user never connected: Connect opens in create mode.</summary>
    Create,

    /// <summary>The user connected before and a publicToken is known: Connect opens in edit mode.</summary>
    Edit,

    /// <summary>
    /// The user connected before but no publicToken could be had (store or Human API failed). Opening Connect
    /// anyway would show Human API's "User Already Exists" error, so the button is disabled.
    /// </summary>
    Unavailable,

    /// <summary>
    /// The app runs Connect v2 and a record is stored: the legacy button does not apply (the v2 one asks
    /// <see cref="ConnectV2PageState"/>), but the disconnect control offers to remove the connection.
    /// </summary>
    ConnectV2Stored,
}

/// <summary>The outcome of reading the store for the current request's user.</summary>
/// <param name="Kind">Which button to render.</param>
/// <param name="ClientUserId">The id Connect knows the user by; set unless <see cref="HumanConnectButtonKind.SignedOut"/>.</param>
/// <param name="PublicToken">The publicToken that opens edit mode; set only for <see cref="HumanConnectButtonKind.Edit"/>.</param>
/// <param name="Owner">
/// <see cref="HumanConnectOwner.For"/> of <paramref name="ClientUserId"/>, hashed once per request and shared by every
/// button and the script tag; set unless <see cref="HumanConnectButtonKind.SignedOut"/>.
/// </param>
internal sealed record HumanConnectButtonState(HumanConnectButtonKind Kind, string? ClientUserId, string? PublicToken, string? Owner)
{
    public static readonly HumanConnectButtonState SignedOut = new(HumanConnectButtonKind.SignedOut, null, null, null);

    /// <summary>
    /// Edit mode for a user whose stored access token is gone (Human API refused it with a 401, or its key was lost):
    /// the button says "connect again" (<c>data-human-connect-state="reconnect"</c>), and a connect stores a new token.
    /// </summary>
    public bool ReconnectRequired { get; init; }

    /// <summary>Whether a record is stored for the user (what the disconnect control offers to remove).</summary>
    public bool Connected { get; init; }

    public static HumanConnectButtonState StoredForConnectV2(string clientUserId) =>
        new(HumanConnectButtonKind.ConnectV2Stored, clientUserId, null, HumanConnectOwner.For(clientUserId)) { Connected = true };

    public static HumanConnectButtonState Create(string clientUserId) =>
        new(HumanConnectButtonKind.Create, clientUserId, null, HumanConnectOwner.For(clientUserId));

    public static HumanConnectButtonState Edit(string clientUserId, string publicToken, bool reconnectRequired) =>
        new(HumanConnectButtonKind.Edit, clientUserId, publicToken, HumanConnectOwner.For(clientUserId))
        {
            ReconnectRequired = reconnectRequired,
            Connected = true,
        };

    /// <param name="clientUserId">The user's <c>clientUserId</c>.</param>
    /// <param name="connected">Whether a record is known to be stored (its publicToken could not be renewed), rather than the store failing.</param>
    public static HumanConnectButtonState Unavailable(string clientUserId, bool connected) =>
        new(HumanConnectButtonKind.Unavailable, clientUserId, null, HumanConnectOwner.For(clientUserId)) { Connected = connected };
}
