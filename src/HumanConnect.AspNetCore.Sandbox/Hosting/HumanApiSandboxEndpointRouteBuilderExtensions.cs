using HumanConnect.AspNetCore.Sandbox;
using HumanConnect.AspNetCore.Sandbox.Endpoints;
using HumanConnect.AspNetCore.Sandbox.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Routing;

/// <summary>Maps the Human API sandbox.</summary>
public static class HumanApiSandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the Human API sandbox under <paramref name="prefix"/>: the Connect script (<c>GET {prefix}/connect.js</c>),
    /// the hosted Connect page (<c>GET {prefix}/</c>) with its assets and JSON calls, the <c>store.min.js</c> and
    /// <c>spinner.gif</c> Human API's own legacy script fetches from its base URL, Human API's
    /// <c>POST {prefix}/v1/connect/tokens</c> and <c>/publictokens</c>, the test shortcut
    /// <c>POST {prefix}/v1/connect/sessions</c>, Human API's data API (<c>GET {prefix}/v1/human/...</c>, demo data
    /// for the sandbox's users), its Application API (<c>GET|DELETE {prefix}/v1/apps/{clientId}/users...</c>), Connect
    /// v2 (the token endpoint <c>POST {prefix}/v1/connect/token</c>, the browser client
    /// <c>GET {prefix}/humanapi-connect-client.js</c>, and the hosted v2 page <c>GET {prefix}/hapi-connect</c> with its
    /// assets, the image the clients lay behind its iframe, and its JSON calls), and the fault switch <c>POST|DELETE {prefix}/v1/sandbox/faults</c>.
    /// </summary>
    /// <param name="endpoints">The app, or a route group.</param>
    /// <param name="prefix">Where to map it; <c>/sandbox</c> by default. Not the root.</param>
    /// <returns>A builder for all the sandbox's endpoints.</returns>
    /// <remarks>
    /// The endpoints allow anonymous callers whatever the app's fallback policy: the sandbox stands in for a third
    /// party, reached server-to-server and from its own page, neither of which carries the app's sign-in. Never map
    /// it in production: its credentials are public. In a Production environment it throws unless
    /// <see cref="HumanApiSandboxOptions.AllowInProduction"/> is set.
    /// </remarks>
    /// <exception cref="InvalidOperationException">
    /// <c>AddHumanApiSandbox</c> (or <c>UseHumanApiSandbox</c>) was not called; or the environment is Production and
    /// <see cref="HumanApiSandboxOptions.AllowInProduction"/> is off.
    /// </exception>
    public static IEndpointConventionBuilder MapHumanApiSandbox(this IEndpointRouteBuilder endpoints, string prefix = HumanApiSandboxDefaults.Prefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var path = SandboxPrefix.Normalize(prefix, nameof(prefix));

        // Resolved now so that a host that forgot AddHumanApiSandbox fails at start-up, not on the first request.
        var services = endpoints.ServiceProvider;
        var api = services.GetService<SandboxConnectApi>()
            ?? throw new InvalidOperationException(
                "Human API sandbox services are missing: call builder.Services.AddHumanApiSandbox() (or AddHumanConnect(...).UseHumanApiSandbox()) before app.MapHumanApiSandbox().");
        var ui = services.GetRequiredService<SandboxConnectUi>();
        var assets = services.GetRequiredService<SandboxAssets>();
        var faults = services.GetRequiredService<SandboxFaultApi>();
        var connectV2 = services.GetRequiredService<SandboxConnectTokenApi>();
        var connectV2Ui = services.GetRequiredService<SandboxConnectV2Ui>();
        var data = services.GetRequiredService<SandboxDataApi>();
        var apps = services.GetRequiredService<SandboxApplicationApi>();

        if (services.GetService<IHostEnvironment>()?.IsProduction() == true)
        {
            // Refused at map time, so a production build that still maps the sandbox never starts.
            if (!services.GetRequiredService<IOptions<HumanApiSandboxOptions>>().Value.AllowInProduction)
            {
                throw new InvalidOperationException(
                    "The Human API sandbox is not mapped in Production: its credentials are public, so anyone could mint tokens through it. " +
                    "Map it only in Development or a test environment (if (!app.Environment.IsProduction()) app.MapHumanApiSandbox();), " +
                    $"or, for a demo or load test of a Production build, set {nameof(HumanApiSandboxOptions)}.{nameof(HumanApiSandboxOptions.AllowInProduction)} = true " +
                    "in AddHumanApiSandbox(options => ...).");
            }

            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HumanApiSandboxEndpointRouteBuilderExtensions).FullName!).MappedInProduction(path);
        }

        var group = endpoints.MapGroup(path);
        group.AllowAnonymous()
            .DisableAntiforgery()
            .ExcludeFromDescription()
            .WithMetadata(new RequestSizeLimitAttribute(SandboxHttp.MaxRequestBodyBytes));

        group.MapGet("/", new RequestDelegate(SandboxPage.ServeAsync));
        group.MapMethods("/connect.js", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.ConnectScript.ServeAsync));
        group.MapMethods("/assets/connect-ui.js", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.PageScript.ServeAsync));
        group.MapMethods("/assets/connect-ui.css", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.PageStyles.ServeAsync));
        group.MapMethods(SandboxAssets.ButtonImagePath, [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.ButtonImage.ServeAsync));

        // At the base URL's root, where Human API's own connect.js looks for them, so it can stand in for the sandbox's.
        group.MapMethods("/store.min.js", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.StoreScript.ServeAsync));
        group.MapMethods("/spinner.gif", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.Spinner.ServeAsync));

        group.MapPost("/v1/ui/open", new RequestDelegate(ui.OpenAsync));
        group.MapPost("/v1/ui/source", new RequestDelegate(ui.SourceAsync));
        group.MapPost("/v1/ui/done", new RequestDelegate(ui.DoneAsync));

        group.MapPost("/v1/connect/tokens", new RequestDelegate(api.TokensAsync));
        group.MapPost("/v1/connect/publictokens", new RequestDelegate(api.PublicTokensAsync));
        group.MapPost("/v1/connect/sessions", new RequestDelegate(api.SessionsAsync));

        // Connect v2: the token endpoint, the browser client, and the hosted page at the client's base URL.
        group.MapPost("/v1/connect/token", new RequestDelegate(connectV2.TokenAsync));
        group.MapMethods("/humanapi-connect-client.js", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.ConnectClientScript.ServeAsync));
        group.MapGet("/hapi-connect", new RequestDelegate(SandboxConnectV2Page.ServeAsync));
        group.MapMethods("/hapi-connect/assets/hapi-connect.js", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.ConnectV2PageScript.ServeAsync));
        group.MapMethods("/hapi-connect/assets/connect-ui.css", [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.PageStyles.ServeAsync));
        group.MapMethods(SandboxAssets.ConnectLaunchImagePath, [HttpMethods.Get, HttpMethods.Head], new RequestDelegate(assets.ConnectLaunchImage.ServeAsync));
        group.MapPost("/hapi-connect/api/session", new RequestDelegate(connectV2Ui.SessionAsync));
        group.MapPost("/hapi-connect/api/source", new RequestDelegate(connectV2Ui.SourceAsync));

        group.MapGet("/v1/human", new RequestDelegate(data.ServeAsync));
        group.MapGet("/v1/human/{**path}", new RequestDelegate(data.ServeAsync));

        group.MapGet("/v1/apps/{clientId}/users", new RequestDelegate(apps.ListAsync));
        group.MapGet("/v1/apps/{clientId}/users/{humanId}", new RequestDelegate(apps.GetAsync));
        group.MapDelete("/v1/apps/{clientId}/users/{humanId}", new RequestDelegate(apps.DeleteAsync));

        group.MapPost("/v1/sandbox/faults", new RequestDelegate(faults.InjectAsync));
        group.MapDelete("/v1/sandbox/faults", new RequestDelegate(faults.ResetAsync));

        return new SandboxConventionBuilder(group);
    }

    /// <summary>Lets callers add conventions to the sandbox's endpoints without mapping more into its group.</summary>
    private sealed class SandboxConventionBuilder(IEndpointConventionBuilder inner) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention) => inner.Add(convention);

        public void Finally(Action<EndpointBuilder> finallyConvention) => inner.Finally(finallyConvention);
    }
}
