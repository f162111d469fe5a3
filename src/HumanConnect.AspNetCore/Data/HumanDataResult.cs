namespace HumanConnect.AspNetCore;

/// <summary>
/// The outcome of one call of the data client: a value, or a typed <see cref="HumanDataFailure"/>. Failures are
/// results, not exceptions: check <see cref="Succeeded"/> (or switch on <see cref="Failure"/>) before reading
/// <see cref="Value"/>.
/// </summary>
/// <typeparam name="T">What the call reads.</typeparam>
public sealed class HumanDataResult<T>
{
    private static readonly IReadOnlyList<string> NoErrors = [];

    private HumanDataResult(T? value, HumanDataFailure failure, int? status, TimeSpan? retryAfter, IReadOnlyList<string> errors)
    {
        Value = value;
        Failure = failure;
        Status = status;
        RetryAfter = retryAfter;
        Errors = errors;
    }

    /// <summary>Whether the call succeeded. <see cref="Value"/> may still be <see langword="null"/> where a call says so (no latest value).</summary>
    public bool Succeeded => Failure == HumanDataFailure.None;

    /// <summary>What was read; <see langword="default"/> on failure.</summary>
    public T? Value { get; }

    /// <summary>Why nothing was read; <see cref="HumanDataFailure.None"/> on success.</summary>
    public HumanDataFailure Failure { get; }

    /// <summary>The status of Human API's last answer, when there was one (for diagnostics only: switch on <see cref="Failure"/>).</summary>
    public int? Status { get; }

    /// <summary>How long Human API asked to wait (its <c>Retry-After</c>), when it answered 429 or 503 with one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>For <see cref="HumanDataFailure.InvalidQuery"/>: what is wrong with the query, one message per problem. Empty otherwise.</summary>
    public IReadOnlyList<string> Errors { get; }

    internal static HumanDataResult<T> Success(T value) => new(value, HumanDataFailure.None, null, null, NoErrors);

    internal static HumanDataResult<T> Fail(HumanDataFailure failure, int? status = null, TimeSpan? retryAfter = null, IReadOnlyList<string>? errors = null)
    {
        if (failure == HumanDataFailure.None)
        {
            throw new ArgumentOutOfRangeException(nameof(failure), failure, "A failure needs a kind other than None.");
        }

        return new(default, failure, status, retryAfter, errors ?? NoErrors);
    }

    /// <summary>The same failure, for a call that reads another type.</summary>
    internal HumanDataResult<TOther> CastFailure<TOther>() => HumanDataResult<TOther>.Fail(Failure, Status, RetryAfter, Errors);

    /// <summary>Prints the outcome without the value (which is health data).</summary>
    public override string ToString() => Succeeded ? "Success" : $"Failure {Failure}" + (Status is { } status ? $" ({status})" : string.Empty);
}

/// <summary>Makes <see cref="HumanDataResult{T}"/> values, for hosts that fake <see cref="IHumanDataClient"/> in their own tests.</summary>
public static class HumanDataResult
{
    /// <summary>A success carrying <paramref name="value"/>.</summary>
    /// <typeparam name="T">What the call reads.</typeparam>
    /// <param name="value">What was read.</param>
    /// <returns>The result.</returns>
    public static HumanDataResult<T> Success<T>(T value) => HumanDataResult<T>.Success(value);

    /// <summary>A failure of the given kind.</summary>
    /// <typeparam name="T">What the call reads.</typeparam>
    /// <param name="failure">Why nothing was read; not <see cref="HumanDataFailure.None"/>.</param>
    /// <param name="status">Human API's last status, if any.</param>
    /// <param name="retryAfter">Human API's <c>Retry-After</c>, if any.</param>
    /// <param name="errors">For <see cref="HumanDataFailure.InvalidQuery"/>, what is wrong.</param>
    /// <returns>The result.</returns>
    public static HumanDataResult<T> Fail<T>(HumanDataFailure failure, int? status = null, TimeSpan? retryAfter = null, IReadOnlyList<string>? errors = null) =>
        HumanDataResult<T>.Fail(failure, status, retryAfter, errors);
}
