namespace HumanConnect.AspNetCore;

/// <summary>
/// What a host can do at the points of a user's connection that matter to it, in the manner of ASP.NET Core's
/// authentication events: set the <c>On...</c> delegates on <see cref="HumanConnectOptions.Events"/>, or derive from
/// this class, override the methods and name your type in <see cref="HumanConnectOptions.EventsType"/>. Every
/// default does nothing.
/// </summary>
/// <remarks>
/// <para>
/// Handlers run inside the request and delay its answer: queue long work (a data sync) rather than doing it inline.
/// </para>
/// <para>
/// An exception thrown by <see cref="OnTokensIssued"/> propagates (the host's error handling answers it, usually with a
/// 500); nothing was stored, and the session token's claim and the user's lock are released. An exception thrown by
/// <see cref="OnConnected"/>, <see cref="OnDisconnected"/> or <see cref="OnFailure"/> cannot undo what already happened:
/// it is logged (<c>EventHandlerFailed</c>, 80, by type only) and the request is answered as if the handler had
/// returned.
/// </para>
/// </remarks>
public class HumanConnectEvents
{
    /// <summary>
    /// After Human API issued a user's tokens and the library checked they name this app and the signed-in user, before
    /// they are stored, under the user's lock: call <see cref="HumanConnectTokensIssuedContext.Reject"/> to refuse them.
    /// Keep it quick: other requests for the same user wait for it.
    /// </summary>
    public Func<HumanConnectTokensIssuedContext, Task> OnTokensIssued { get; set; } = static _ => Task.CompletedTask;

    /// <summary>
    /// After a connect's tokens are stored and the user's lock released, before the finish answers 200. Not raised for
    /// a repeated finish answered from the store.
    /// </summary>
    public Func<HumanConnectConnectedContext, Task> OnConnected { get; set; } = static _ => Task.CompletedTask;

    /// <summary>After a user's record is removed by a disconnect, before it answers.</summary>
    public Func<HumanConnectDisconnectedContext, Task> OnDisconnected { get; set; } = static _ => Task.CompletedTask;

    /// <summary>
    /// When a connect, refresh or disconnect fails, before the problem is answered, with its <c>errorCode</c>. Requests
    /// refused before they reach the flow (nobody signed in, antiforgery, a malformed or invalid body) do not raise it.
    /// </summary>
    public Func<HumanConnectFailureContext, Task> OnFailure { get; set; } = static _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnTokensIssued"/>.</summary>
    /// <param name="context">The issued tokens' context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task TokensIssued(HumanConnectTokensIssuedContext context) => OnTokensIssued(context);

    /// <summary>Invokes <see cref="OnConnected"/>.</summary>
    /// <param name="context">The connect's context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task Connected(HumanConnectConnectedContext context) => OnConnected(context);

    /// <summary>Invokes <see cref="OnDisconnected"/>.</summary>
    /// <param name="context">The disconnect's context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task Disconnected(HumanConnectDisconnectedContext context) => OnDisconnected(context);

    /// <summary>Invokes <see cref="OnFailure"/>.</summary>
    /// <param name="context">The failure's context.</param>
    /// <returns>The handler's task.</returns>
    public virtual Task Failure(HumanConnectFailureContext context) => OnFailure(context);
}
