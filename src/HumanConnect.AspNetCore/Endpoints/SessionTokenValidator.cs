using HumanConnect.AspNetCore.Flow;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The rules a sessionTokenObject must meet before it is sent to Human API: each field present, at most
/// <see cref="HumanConnectRequestLimits.MaxFieldLength"/> characters, free of control characters, and
/// <c>clientId</c> this app's. Lengths are bounded, not exact: real humanIds are 24 or 32 characters, and formats
/// have changed before. Each field reports its first broken rule; every broken field is reported.
/// </summary>
internal static class SessionTokenValidator
{
    /// <summary>The errors by field name, as the validation problem lists them; <see langword="null"/> when valid.</summary>
    public static Dictionary<string, string[]>? Validate(SessionTokenObject sessionToken, string appClientId)
    {
        Dictionary<string, string[]>? errors = null;
        Check(ref errors, "humanId", sessionToken.HumanId);
        Check(ref errors, "sessionToken", sessionToken.SessionToken);
        if (Check(ref errors, "clientId", sessionToken.ClientId)
            && !string.Equals(sessionToken.ClientId, appClientId, StringComparison.Ordinal))
        {
            Add(ref errors, "clientId", "clientId is not this app's client id.");
        }

        return errors;
    }

    /// <summary>Applies the rules every field shares; <see langword="true"/> when the field passed them.</summary>
    private static bool Check(ref Dictionary<string, string[]>? errors, string name, string? value)
    {
        var error = string.IsNullOrWhiteSpace(value) ? $"{name} is required."
            : value.Length > HumanConnectRequestLimits.MaxFieldLength ? $"{name} must be at most {HumanConnectRequestLimits.MaxFieldLength} characters."
            : HasControlCharacter(value) ? $"{name} must not contain control characters."
            : null;
        if (error is null)
        {
            return true;
        }

        Add(ref errors, name, error);
        return false;
    }

    private static bool HasControlCharacter(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(ref Dictionary<string, string[]>? errors, string name, string error) =>
        (errors ??= new Dictionary<string, string[]>(StringComparer.Ordinal))[name] = [error];
}
