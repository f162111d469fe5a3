namespace HumanConnect.AspNetCore.Sandbox.Hosting;

/// <summary>Checks and normalises the route prefix the sandbox is mapped under.</summary>
internal static class SandboxPrefix
{
    /// <summary>
    /// Returns <paramref name="prefix"/> without a trailing slash. It must start with <c>/</c>, must not be the root
    /// (the hosted page would take the app's home page), and may hold only URL-safe characters, because it becomes
    /// part of URLs without further encoding.
    /// </summary>
    public static string Normalize(string prefix, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(prefix, parameterName);
        var trimmed = prefix.TrimEnd('/');
        if (!prefix.StartsWith('/') || trimmed.Length == 0 || trimmed.Contains("//", StringComparison.Ordinal)
            || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '~'))
        {
            throw new ArgumentException(
                $"The sandbox prefix must be a path such as \"{HumanApiSandboxDefaults.Prefix}\": it starts with '/', is not '/' alone, " +
                "and holds only letters, digits and -._~/.", parameterName);
        }

        return trimmed;
    }
}
