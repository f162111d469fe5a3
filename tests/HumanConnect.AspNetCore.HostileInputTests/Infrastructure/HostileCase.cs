using System.Text;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// One hostile request and the answers the contract allows for it. <see cref="Slow"/> cases take seconds by design
/// (trickled or stalled bodies) and are started together, ahead of their turn.
/// </summary>
internal sealed record HostileCase(string Name, Func<CaseContext, RequestBuilder> Request, Expectation Expect)
{
    public bool Slow { get; init; }

    public override string ToString() => Name;
}

/// <summary>What a case's request may use: the users, and one real unspent session token for alice, taken on demand.</summary>
internal sealed class CaseContext(HostileUsers users)
{
    private SessionToken? _session;

    public Visitor Alice => users.AliceVisitor;

    public Visitor Bob => users.BobVisitor;

    public Visitor Carol => users.CarolVisitor;

    /// <summary>A real session token for alice: a body built on it succeeds, and changes the store, if the library accepts it.</summary>
    public SessionToken Session => _session ??= users.TakeSession();

    /// <summary>The valid sessionTokenObject as JSON: what a well-behaved page posts.</summary>
    public string ValidJson => $"{{\"humanId\":\"{Session.HumanId}\",\"clientId\":\"{Session.ClientId}\",\"sessionToken\":\"{Session.Token}\"}}";

    /// <summary>The valid sessionTokenObject as a form: what jQuery's <c>$.post</c> sends.</summary>
    public string ValidForm => $"humanId={Session.HumanId}&clientId={Session.ClientId}&sessionToken={Session.Token}";

    /// <summary>The valid JSON with one more member put first (an unknown field, which the library ignores).</summary>
    public string ValidJsonWith(string firstMember) => "{" + firstMember + "," + ValidJson[1..];
}

/// <summary>The answers a case accepts; none at all for a client that hangs up before any answer can be read.</summary>
internal sealed record Expectation(IReadOnlyList<Answer> Answers)
{
    public static readonly Expectation NoAnswer = new([]);

    /// <summary>The library's problem+json answer with this errorCode.</summary>
    public static Expectation Problem(int status, string errorCode) => new([new Answer(status, AnswerShape.Problem, errorCode)]);

    /// <summary>The library's 405 problem, which must also name the allowed method.</summary>
    public static Expectation MethodNotAllowed(string allow = "POST") => new([new Answer(405, AnswerShape.Problem, "method_not_allowed", allow)]);

    /// <summary>Either the library answered this problem under its normal rules, or routing found no endpoint.</summary>
    public static Expectation ProblemOrNotFound(int status, string errorCode) =>
        new([new Answer(status, AnswerShape.Problem, errorCode), new Answer(404, AnswerShape.Any, null)]);

    /// <summary>The sandbox's legacy error <c>{code, message, detailedMessage}</c> with this code.</summary>
    public static Expectation Legacy(int status, string code) => new([new Answer(status, AnswerShape.Legacy, code)]);

    /// <summary>An oversized body at the sandbox: its 400 INVALID_REQUEST, or a 413 in its legacy shape.</summary>
    public static Expectation LegacyTooLarge() =>
        new([new Answer(400, AnswerShape.Legacy, "INVALID_REQUEST"), new Answer(413, AnswerShape.Legacy, null)]);

    public override string ToString() => Answers.Count == 0
        ? "no answer (the client closed)"
        : string.Join(" or ", Answers.Select(answer => answer.ToString()));
}

internal enum AnswerShape
{
    /// <summary>application/problem+json with an errorCode.</summary>
    Problem,

    /// <summary>The sandbox's <c>{"code","message","detailedMessage"}</c>.</summary>
    Legacy,

    /// <summary>Any body (routing's bare 404).</summary>
    Any,
}

/// <summary>One acceptable answer. A null <see cref="Code"/> accepts any non-empty code.</summary>
internal sealed record Answer(int Status, AnswerShape Shape, string? Code, string? Allow = null)
{
    public override string ToString()
    {
        var text = new StringBuilder().Append(Status);
        text.Append(Shape switch
        {
            AnswerShape.Problem => $" problem+json errorCode={Code}",
            AnswerShape.Legacy => $" legacy code={Code ?? "(any)"}",
            _ => " (any body)",
        });
        return Allow is not null ? text.Append(" with Allow: ").Append(Allow).ToString() : text.ToString();
    }
}
