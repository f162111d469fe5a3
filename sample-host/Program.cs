using HumanConnect.SampleHost;
using HumanConnect.SampleHost.Dashboard;
using HumanConnect.SampleHost.Security;
using HumanConnect.SampleHost.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;

var builder = WebApplication.CreateBuilder(args);
var sample = builder.Configuration.GetSection("Sample").Get<SampleOptions>() ?? new SampleOptions();
// One folder per mode: tokens the sandbox issued mean nothing to Human API, and the other way round.
var dataDirectory = Path.Combine(
    Path.GetFullPath(sample.DataDirectory, builder.Environment.ContentRootPath), sample.UseSandbox ? "sandbox" : "humanapi");

builder.Services.AddRazorPages();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<HealthDashboardReader>();
// /blazor: the <HumanConnectButton /> component, interactive on Blazor Server, beside the Razor Pages.
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services
    .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options =>
    {
        options.LoginPath = "/signin";
        options.Cookie.Name = "HumanConnectSample";
        options.Cookie.SameSite = SameSiteMode.Lax;
    });
builder.Services.AddAuthorization();

// One application name on every instance: the key ring's payloads (cookies, antiforgery tokens, stored tokens) are
// bound to it, and by default it is derived from the app's folder.
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("HumanConnect.SampleHost");
var humanConnect = builder.Services.AddHumanConnect(builder.Configuration.GetSection("HumanConnect"));
if (string.IsNullOrEmpty(sample.Redis))
{
    // One instance: keys on disk and tokens in SQLite, so cookies and stored tokens survive a restart.
    dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
    builder.Services.Configure<SqliteTokenStoreOptions>(options => options.DatabasePath = Path.Combine(dataDirectory, "human-tokens.db"));
    humanConnect.AddTokenStore<SqliteHumanTokenStore>(ServiceLifetime.Singleton);
}
else
{
    // Several instances: the library's default token store, the key ring and the coordinator, all in one Redis.
    humanConnect.UseRedis(sample.Redis);
}

if (sample.UseSandbox)
{
    // The embedded Human API emulator: its credentials, its connect.js, and its endpoints over loopback HTTP.
    humanConnect.UseHumanApiSandbox(sample.SandboxPath);

    // The sandbox remembers its users beside the SQLite store, so connections survive a restart of the sample.
    // Sample:UseSandbox is also the explicit opt-in to map it in Production (build/load-test.sh runs the published
    // sample so): this app is a demo with no real users. A real app never sets AllowInProduction.
    builder.Services.Configure<HumanConnect.AspNetCore.Sandbox.HumanApiSandboxOptions>(options =>
    {
        options.StateFilePath = Path.Combine(dataDirectory, "sandbox-state.json");
        options.AllowInProduction = true;
    });
}

builder.Services.PostConfigure<HumanConnect.AspNetCore.HumanConnectOptions>(options =>
    options.NonceProvider = ContentSecurityPolicyMiddleware.NonceOf);

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
}

app.UseMiddleware<ContentSecurityPolicyMiddleware>();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorPages();
app.MapRazorComponents<HumanConnect.SampleHost.Components.App>().AddInteractiveServerRenderMode();
app.MapHumanConnect();

// /spa: a single-page app of plain HTML and one script, on GET /connect/options and human-connect.mjs alone.
app.MapGet("/spa", (IWebHostEnvironment environment) =>
    TypedResults.PhysicalFile(Path.Combine(environment.WebRootPath, "spa", "index.html"), "text/html; charset=utf-8"));
if (sample.UseSandbox)
{
    app.MapHumanApiSandbox(sample.SandboxPath);
}

app.Run();

/// <summary>The sample's entry point, public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
