using System.Text.Json;

namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// Checks an answer against the answers a case accepts, and for what no answer may ever hold. Returns the
/// violations rather than throwing, so one report lists everything that is wrong with a case.
/// </summary>
internal static class ProblemAssert
{
    /// <summary>What a .NET stack trace or exception dump looks like in a body.</summary>
    private static readonly string[] StackTraceMarkers = ["   at ", "Exception"];

    public static IEnumerable<string> Check(RawOutcome outcome, Expectation expectation)
    {
        if (expectation.Answers.Count == 0)
        {
            yield break;
        }

        if (outcome.Response is not { } response)
        {
            yield return $"no answer: {outcome.Failure}";
            yield break;
        }

        var answer = expectation.Answers.FirstOrDefault(candidate => candidate.Status == response.Status);
        if (answer is null)
        {
            yield return $"status {response.Status}, expected {expectation}";
            yield break;
        }

        var violations = answer.Shape switch
        {
            AnswerShape.Problem => CheckProblem(response, answer),
            AnswerShape.Legacy => CheckLegacy(response, answer),
            _ => [],
        };
        foreach (var violation in violations)
        {
            yield return violation;
        }

        if (answer.Allow is { } allow && response.Header("Allow") != allow)
        {
            yield return $"Allow header is {response.Header("Allow") ?? "missing"}, expected {allow}";
        }
    }

    /// <summary>No body, whatever its status, may carry a stack trace or an exception's name.</summary>
    public static IEnumerable<string> CheckNoStackTrace(RawOutcome outcome) =>
        outcome.Response is { } response
            ? StackTraceMarkers.Where(marker => response.BodyText.Contains(marker, StringComparison.Ordinal))
                .Select(marker => $"the body holds \"{marker}\": a stack trace or exception text")
            : [];

    private static List<string> CheckProblem(RawResponse response, Answer answer)
    {
        var violations = new List<string>();
        var mediaType = response.Header("Content-Type")?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add($"Content-Type is {response.Header("Content-Type") ?? "missing"}, expected application/problem+json");
        }

        if (ParseObject(response) is not { } body)
        {
            violations.Add("the body is not a JSON object");
            return violations;
        }

        var errorCode = body.TryGetProperty("errorCode", out var code) && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        if (errorCode != answer.Code)
        {
            violations.Add($"errorCode is {errorCode ?? "missing"}, expected {answer.Code}");
        }

        if (body.TryGetProperty("status", out var status) && (status.ValueKind != JsonValueKind.Number || status.GetInt32() != response.Status))
        {
            violations.Add($"the problem's status member is {status}, the answer's status is {response.Status}");
        }

        return violations;
    }

    private static List<string> CheckLegacy(RawResponse response, Answer answer)
    {
        var violations = new List<string>();
        var mediaType = response.Header("Content-Type")?.Split(';')[0].Trim();
        if (!string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add($"Content-Type is {response.Header("Content-Type") ?? "missing"}, expected application/json");
        }

        if (ParseObject(response) is not { } body)
        {
            violations.Add("the body is not a JSON object");
            return violations;
        }

        string[] expected = ["code", "message", "detailedMessage"];
        var names = body.EnumerateObject().Select(property => property.Name).ToList();
        if (!names.Order(StringComparer.Ordinal).SequenceEqual(expected.Order(StringComparer.Ordinal))
            || body.EnumerateObject().Any(property => property.Value.ValueKind != JsonValueKind.String))
        {
            violations.Add($"the body is not the legacy {{code, message, detailedMessage}} of strings (members: {string.Join(", ", names)})");
        }

        var code = body.TryGetProperty("code", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (answer.Code is null ? string.IsNullOrEmpty(code) : code != answer.Code)
        {
            violations.Add($"code is {code ?? "missing"}, expected {answer.Code ?? "a code"}");
        }

        return violations;
    }

    private static JsonElement? ParseObject(RawResponse response)
    {
        try
        {
            using var json = JsonDocument.Parse(response.Body);
            return json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
