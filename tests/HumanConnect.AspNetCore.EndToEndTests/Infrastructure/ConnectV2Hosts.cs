using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>Which Connect v2 browser client a test's page loads.</summary>
public enum ConnectV2Client
{
    /// <summary>The sandbox's own offline client (<c>/sandbox/humanapi-connect-client.js</c>), what <c>UseHumanApiSandbox</c> points at.</summary>
    Sandbox,

    /// <summary>Human API's <c>humanapi-connect-client</c> 2.4.1 from npm, served by the test host, pointed at the sandbox's hosted page.</summary>
    HumanApi,
}

/// <summary>The sample host in Connect v2 mode on its embedded sandbox, as <c>--HumanConnect:ConnectVersion=V2</c> runs it.</summary>
public static class ConnectV2Hosts
{
    /// <summary>Where the test host serves Human API's client; app-relative, so the sample's CSP allows it as 'self'.</summary>
    public const string HumanApiClientPath = "/e2e/humanapi-connect-client.js";

    public static async Task<SampleHostServer> StartAsync(ConnectV2Client client)
    {
        var settings = new Dictionary<string, string?> { ["HumanConnect:ConnectVersion"] = "V2" };
        if (client == ConnectV2Client.Sandbox)
        {
            return new SampleHostServer(settings);
        }

        var file = await ConnectClientPackage.PathAsync();
        return new SampleHostServer(settings, testServices: services =>
        {
            // After UseHumanApiSandbox's post-configuration, which points the client at the sandbox's own script.
            services.PostConfigure<HumanConnectOptions>(options => options.ConnectClientScriptUrl = HumanApiClientPath);
            services.AddSingleton<IStartupFilter>(new ServeFile(HumanApiClientPath, file));
        });
    }

    /// <summary>Serves one file at one path, ahead of the sample's own pipeline.</summary>
    private sealed class ServeFile(string path, string file) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Path != path)
                {
                    await nextMiddleware(context);
                    return;
                }

                context.Response.ContentType = "text/javascript; charset=utf-8";
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.SendFileAsync(file, context.RequestAborted);
            });
            next(app);
        };
    }
}
