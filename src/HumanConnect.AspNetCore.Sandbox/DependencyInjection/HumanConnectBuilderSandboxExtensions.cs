using HumanConnect.AspNetCore;
using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.Sandbox.Endpoints;
using HumanConnect.AspNetCore.Sandbox.Hosting;
using HumanConnect.AspNetCore.Sandbox.State;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Points Human Connect at the in-process Human API sandbox.</summary>
public static class HumanConnectBuilderSandboxExtensions
{
    /// <summary>
    /// Makes Human Connect use the sandbox mapped by <c>app.MapHumanApiSandbox(prefix)</c> in this same app, instead
    /// of Human API: the sandbox's credentials, its <c>connect.js</c> and hosted page (app-relative URLs), and its
    /// token endpoints, data API and Application API, called over real loopback HTTP on the address the server listens on. It wins over
    /// configuration (it post-configures), and adds the sandbox's services if <c>AddHumanApiSandbox</c> was not called.
    /// The button's image becomes the sandbox's own (<c>{prefix}/assets/connect-button.svg</c>), so it works offline,
    /// unless <see cref="HumanConnectOptions.ButtonImageUrl"/> was set to another image.
    /// </summary>
    /// <param name="builder">The builder <c>AddHumanConnect</c> returned.</param>
    /// <param name="prefix">The prefix passed to <c>MapHumanApiSandbox</c>; <c>/sandbox</c> by default.</param>
    /// <returns>The same builder.</returns>
    /// <remarks>
    /// The app must listen on a real address (Kestrel; an http one is preferred, any wildcard host is reached on
    /// loopback). The server-side calls go to <c>{server root}{prefix}</c>, ignoring any PathBase, which is right for
    /// <c>UsePathBase</c> (it also serves the unprefixed path). For development and tests only.
    /// </remarks>
    public static HumanConnectBuilder UseHumanApiSandbox(this HumanConnectBuilder builder, string prefix = HumanApiSandboxDefaults.Prefix)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var path = SandboxPrefix.Normalize(prefix, nameof(prefix));
        if (!builder.Services.Any(service => service.ServiceType == typeof(SandboxState)))
        {
            builder.Services.AddHumanApiSandbox();
        }

        var root = $"http://{SandboxLoopbackHandler.PlaceholderHost}{path}/v1/";
        var loopback = root + "connect/";
        builder.Services.AddOptions<HumanConnectOptions>().PostConfigure<IOptions<HumanApiSandboxOptions>>((options, sandbox) =>
        {
            options.ClientId = sandbox.Value.ClientId;
            options.ClientSecret = sandbox.Value.ClientSecret;
            options.TokensEndpoint = new Uri(loopback + "tokens");
            options.PublicTokensEndpoint = new Uri(loopback + "publictokens");
            options.DataApiBaseUrl = new Uri(root + "human/");
            options.ApplicationApiBaseUrl = new Uri(root + "apps/");
            options.AppKey = sandbox.Value.AppKey;
            options.ConnectTokenEndpoint = new Uri(loopback + "token");
            options.ConnectClientScriptUrl = path + "/humanapi-connect-client.js";
            options.ConnectClientBaseUrl = path + "/hapi-connect";
            options.ConnectScriptUrl = path + "/connect.js";
            options.ConnectBaseUrl = path;

            // Human API's default image is on its own host: offline, the sandbox's button would show broken.
            if (string.Equals(options.ButtonImageUrl, HumanConnectDefaults.ButtonImageUrl, StringComparison.Ordinal))
            {
                options.ButtonImageUrl = path + SandboxAssets.ButtonImagePath;
            }
        });

        // Both clients: the Connect one (and the Application API's DELETE on it), and the data client's.
        foreach (var client in (IHttpClientBuilder[])[builder.UpstreamHttpClient, builder.DataHttpClient])
        {
            client.AddHttpMessageHandler(provider => new SandboxLoopbackHandler(
                provider.GetRequiredService<IServer>(), path, provider.GetRequiredService<ILogger<SandboxLoopbackHandler>>()));
        }
        return builder;
    }
}
