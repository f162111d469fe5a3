namespace HumanConnect.AspNetCore;

/// <summary>One page of a list the data API answered.</summary>
/// <typeparam name="T">The records of the list.</typeparam>
/// <param name="Items">The records of this page, in Human API's order; empty when there are none.</param>
/// <param name="TotalCount">
/// How many records the whole list holds, from Human API's <c>X-Total-Count</c>; <see langword="null"/> when it did
/// not say.
/// </param>
/// <param name="Offset">Where this page starts in the whole list (the query's <c>offset</c>, 0 by default).</param>
/// <param name="HasMore">
/// Whether a further page exists: Human API's <c>Link</c> names a <c>next</c> page, or, without one, this page ends
/// before <see cref="TotalCount"/>. Ask for it with the same query and <c>Offset = Offset + Items.Count</c>, or use the
/// stream, which does that for you.
/// </param>
public sealed record HumanDataPage<T>(IReadOnlyList<T> Items, long? TotalCount, int Offset, bool HasMore);
