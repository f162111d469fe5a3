namespace HumanConnect.AspNetCore;

/// <summary>
/// Thrown by the data client's streams only (<see cref="IHumanRecordData{T}.StreamAsync"/>) when a page cannot be
/// read: an enumeration has no result to return, so the failure travels in <see cref="Failure"/>, the same kinds the
/// other calls return. Its message names the kind and the status, never a token, a URL or a body.
/// </summary>
public sealed class HumanDataException : Exception
{
    /// <summary>Creates the exception for a failed page.</summary>
    /// <param name="failure">Why the page could not be read.</param>
    /// <param name="status">Human API's last status, if any.</param>
    /// <param name="errors">For <see cref="HumanDataFailure.InvalidQuery"/>, what is wrong.</param>
    public HumanDataException(HumanDataFailure failure, int? status = null, IReadOnlyList<string>? errors = null)
        : base(MessageFor(failure, status, errors))
    {
        Failure = failure;
        Status = status;
        Errors = errors ?? [];
    }

    /// <summary>Creates the exception with a message of its own (for hosts' tests); <see cref="Failure"/> is <see cref="HumanDataFailure.Unavailable"/>.</summary>
    public HumanDataException()
        : this(HumanDataFailure.Unavailable)
    {
    }

    /// <summary>Creates the exception with a message of its own (for hosts' tests); <see cref="Failure"/> is <see cref="HumanDataFailure.Unavailable"/>.</summary>
    /// <param name="message">The message.</param>
    public HumanDataException(string message)
        : base(message)
    {
        Failure = HumanDataFailure.Unavailable;
        Errors = [];
    }

    /// <summary>Creates the exception with a message and an inner exception (for hosts' tests).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public HumanDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failure = HumanDataFailure.Unavailable;
        Errors = [];
    }

    /// <summary>Why the page could not be read.</summary>
    public HumanDataFailure Failure { get; }

    /// <summary>Human API's last status, if any.</summary>
    public int? Status { get; }

    /// <summary>For <see cref="HumanDataFailure.InvalidQuery"/>, what is wrong with the query.</summary>
    public IReadOnlyList<string> Errors { get; }

    private static string MessageFor(HumanDataFailure failure, int? status, IReadOnlyList<string>? errors)
    {
        var message = $"A page of Human API data could not be read: {failure}";
        if (status is { } code)
        {
            message += $" (status {code})";
        }

        return errors is { Count: > 0 } ? $"{message}: {string.Join(" ", errors)}" : message + ".";
    }
}
