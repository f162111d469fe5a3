namespace HumanConnect.AspNetCore;

/// <summary>
/// What went wrong while connecting, as <c>human-connect.js</c> reports it (the detail of its <c>humanconnect:error</c>
/// event): raised by <see cref="HumanConnectButton.OnError"/>. The user has been shown <see cref="Message"/> already.
/// </summary>
/// <param name="Code">
/// A stable code: the endpoint's <c>errorCode</c> (<see cref="HumanConnectErrorCodes"/>) when the server refused the
/// finish, Connect's own code when Connect reported the error, or one of the script's (<c>connect_unavailable</c>,
/// <c>invalid_config</c>, <c>unavailable</c>, <c>network_error</c>, ...).
/// </param>
/// <param name="Message">A sentence for the user.</param>
/// <param name="DetailedMessage">More detail, possibly empty.</param>
/// <param name="Status">The HTTP status of a refused finish; <see langword="null"/> otherwise.</param>
/// <param name="Source"><c>server</c> (the finish endpoint), <c>connect</c> (Human API's Connect) or <c>page</c> (the script itself).</param>
public sealed record HumanConnectError(string Code, string Message, string DetailedMessage, int? Status, string Source);
