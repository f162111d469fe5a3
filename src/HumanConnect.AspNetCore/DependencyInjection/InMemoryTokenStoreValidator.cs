using HumanConnect.AspNetCore.Configuration;
using HumanConnect.AspNetCore.Storage;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace HumanConnect.AspNetCore.DependencyInjection;

/// <summary>
/// Fails a Production host at start-up when the default token store sits on the in-memory cache, unless the host
/// opted in with <see cref="HumanConnectOptions.AllowInMemoryTokenStore"/>. A second instance, or the same one after
/// a restart, would find no tokens and show a user who connected the create mode Human API refuses.
/// </summary>
/// <remarks>
/// An options validator, so the failure is reported with every other option problem, by <c>ValidateOnStart</c>,
/// before the first request. Development, Staging and test hosts are not checked.
/// </remarks>
internal sealed class InMemoryTokenStoreValidator(IServiceProvider services, HumanConnectRegistrations registrations)
    : IValidateOptions<HumanConnectOptions>
{
    private const string Section = HumanConnectDefaults.ConfigurationSection;

    public ValidateOptionsResult Validate(string? name, HumanConnectOptions options)
    {
        if (options.AllowInMemoryTokenStore
            || services.GetService<IHostEnvironment>()?.IsProduction() != true
            || registrations.ImplementationTypeOf<IHumanTokenStore>() != typeof(DistributedCacheHumanTokenStore)
            || services.GetService<IDistributedCache>() is not MemoryDistributedCache)
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{Section}: in Production the default token store must not keep tokens in the in-memory IDistributedCache: " +
            "a restart or another instance would lose them, and a user who connected would be shown create mode. " +
            "Register a shared IDistributedCache (for example builder.Services.AddStackExchangeRedisCache(...)), or your own store with AddHumanConnect(...).AddTokenStore<T>(); " +
            $"or, for a single instance that may lose its tokens, set {Section}:{nameof(options.AllowInMemoryTokenStore)}=true.");
    }
}
