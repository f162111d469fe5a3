using FluentValidation;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.Endpoints;

/// <summary>
/// The rules a sessionTokenObject must meet before it is sent to Human API. Lengths are bounded, not exact:
/// real humanIds are 24 or 32 characters and formats have changed before.
/// </summary>
internal sealed class SessionTokenObjectValidator : AbstractValidator<SessionTokenObject>
{
    public SessionTokenObjectValidator(IOptionsMonitor<HumanConnectOptions> options)
    {
        RuleFor(x => x.HumanId).Field("humanId");
        RuleFor(x => x.SessionToken).Field("sessionToken");
        RuleFor(x => x.ClientId).Field("clientId")
            .Must(clientId => string.Equals(clientId, options.CurrentValue.ClientId, StringComparison.Ordinal))
            .WithMessage("clientId is not this app's client id.");
    }
}

internal static class SessionTokenFieldRules
{
    /// <summary>The rules every field shares: present, bounded, and free of control characters.</summary>
    public static IRuleBuilderOptions<SessionTokenObject, string?> Field(this IRuleBuilderInitial<SessionTokenObject, string?> rule, string name) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"{name} is required.")
            .MaximumLength(HumanConnectDefaults.MaxFieldLength).WithMessage($"{name} must be at most {HumanConnectDefaults.MaxFieldLength} characters.")
            .Must(value => !value!.Any(char.IsControl)).WithMessage($"{name} must not contain control characters.")
            .OverridePropertyName(name);
}
