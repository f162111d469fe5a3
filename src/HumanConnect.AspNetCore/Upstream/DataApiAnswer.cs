namespace HumanConnect.AspNetCore.Upstream;

/// <summary>
/// What one read of the data API produced, all attempts included: the value, or a failure, with what a page needs
/// (<c>X-Total-Count</c>, the <c>next</c> link if it may be followed).
/// </summary>
/// <param name="Value">The parsed answer; <see langword="default"/> on failure.</param>
/// <param name="Failure">Why there is no value; <see cref="HumanDataFailure.None"/> on success.</param>
/// <param name="Status">The last answer's status, if there was one.</param>
internal sealed record DataApiAnswer<T>(T? Value, HumanDataFailure Failure, int? Status)
{
    public bool Succeeded => Failure == HumanDataFailure.None;

    /// <summary>Human API's <c>Retry-After</c> on the last answer.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Human API's <c>X-Total-Count</c>.</summary>
    public long? TotalCount { get; init; }

    /// <summary>Whether the answer carried a <c>Link</c> header at all (then its lack of <c>next</c> means "last page").</summary>
    public bool HasLinkHeader { get; init; }

    /// <summary>The <c>next</c> page, rebased onto the configured data API; <see langword="null"/> when there is none or it may not be followed.</summary>
    public Uri? Next { get; init; }

    /// <summary>The URL this answer came from (to resolve a relative link, and to notice a link to itself).</summary>
    public Uri? Url { get; init; }

    /// <summary>Whether another attempt may succeed (429, 5xx, a timeout, a broken connection).</summary>
    public bool Retryable { get; init; }

    /// <summary>How many attempts were made (0 when nothing was sent).</summary>
    public int Attempts { get; init; }

    public static DataApiAnswer<T> Fail(HumanDataFailure failure, int? status = null) => new(default, failure, status);

    public DataApiAnswer<TOther> CastFailure<TOther>() =>
        new(default, Failure, Status) { RetryAfter = RetryAfter, Attempts = Attempts, Url = Url };
}
