using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Sandbox.Hosting;

/// <summary>Checks <see cref="HumanApiSandboxOptions"/> at start-up and reports every problem at once.</summary>
internal sealed class HumanApiSandboxOptionsValidator : IValidateOptions<HumanApiSandboxOptions>
{
    private const string Name = nameof(HumanApiSandboxOptions);

    public ValidateOptionsResult Validate(string? name, HumanApiSandboxOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            failures.Add($"{Name}.{nameof(options.ClientId)} is required and must hold no spaces or control characters.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Name}.{nameof(options.ClientSecret)} is required.");
        }

        if (string.IsNullOrWhiteSpace(options.AppKey) || options.AppKey.Any(c => char.IsControl(c) || c == ':'))
        {
            failures.Add($"{Name}.{nameof(options.AppKey)} is required and must hold no ':' or control characters (it is an HTTP Basic user name).");
        }

        if (options.SessionTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Name}.{nameof(options.SessionTokenLifetime)} must be more than zero.");
        }

        if (options.ConnectSessionLifetime <= TimeSpan.Zero)
        {
            failures.Add($"{Name}.{nameof(options.ConnectSessionLifetime)} must be more than zero.");
        }

        if (options.DemoSources.Count == 0
            || options.DemoSources.Any(source => string.IsNullOrWhiteSpace(source) || source.Length > 64)
            || options.DemoSources.Distinct(StringComparer.Ordinal).Count() != options.DemoSources.Count)
        {
            failures.Add($"{Name}.{nameof(options.DemoSources)} must list at least one source; names are unique, non-blank, at most 64 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
