using HumanConnect.AspNetCore.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.DependencyInjection;

/// <summary>
/// Checks at start-up that the events can be found: <see cref="HumanConnectOptions.Events"/> set, and an
/// <see cref="HumanConnectOptions.EventsType"/> that derives from <see cref="HumanConnectEvents"/> and is registered,
/// so a missing registration fails the host before a finish would fail with it.
/// </summary>
internal sealed class EventsValidator(IServiceProviderIsService isService) : IValidateOptions<HumanConnectOptions>
{
    private const string Section = HumanConnectDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, HumanConnectOptions options)
    {
        if (options.EventsType is { } type)
        {
            if (!typeof(HumanConnectEvents).IsAssignableFrom(type))
            {
                return ValidateOptionsResult.Fail($"{Section}:{nameof(options.EventsType)} must derive from {nameof(HumanConnectEvents)}; {type.FullName} does not.");
            }

            if (!isService.IsService(type))
            {
                return ValidateOptionsResult.Fail(
                    $"{Section}:{nameof(options.EventsType)} names {type.FullName}, which is not registered: add it to the services (for example services.AddScoped<{type.Name}>()).");
            }
        }
        else if (options.Events is null)
        {
            return ValidateOptionsResult.Fail($"{Section}:{nameof(options.Events)} must not be null: leave the default instance, or set its handlers.");
        }

        return ValidateOptionsResult.Success;
    }
}
