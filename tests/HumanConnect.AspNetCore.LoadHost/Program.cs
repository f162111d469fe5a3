using System.Text.Json;
using HumanConnect.AspNetCore.LoadHost;
using HumanConnect.AspNetCore.TestInfrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;

// The host build/load-compare.sh loads with wrk, published in Release and run in Production on one loopback address
// (--urls http://127.0.0.1:PORT). Everything it compares lives in this one process: a bare endpoint, one page with
// and without the button, the library's endpoints, the hand-written finishes, and a fast stand-in for Human API's
// token endpoints that all of them call over loopback HTTP, as they would call Human API.
var builder = WebApplication.CreateBuilder(args);
var self = new Uri(builder.Configuration["urls"] ?? throw new InvalidOperationException("Start the load host with --urls http://127.0.0.1:PORT."));
var tokensEndpoint = new Uri(self, StandInHumanApi.TokensPath);

builder.Services.AddRazorPages();
TestAuthenticationHandler.Register(builder.Services);

// Keys in memory: the host lives for one run and must not leave a key ring in the user's profile.
builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
builder.Services.AddHumanConnect(options =>
{
    options.ClientId = TestData.ClientId;
    options.ClientSecret = TestData.ClientSecret;
    options.TokensEndpoint = tokensEndpoint;
    options.PublicTokensEndpoint = new Uri(self, StandInHumanApi.PublicTokensPath);
    // Measured in Production on the memory cache, one process with nothing to keep: opted in explicitly.
    options.AllowInMemoryTokenStore = true;
});
builder.Services.AddHandWrittenFinish();

var app = builder.Build();
app.UseLoadCounters();
app.UseAuthentication();

app.MapGet("/bare", () => "ok");
app.MapGet("/antiforgery", (HttpContext context, IAntiforgery antiforgery) => antiforgery.GetAndStoreTokens(context).RequestToken!);
app.MapGet("/stats", (bool? collect) => Results.Text(JsonSerializer.Serialize(LoadCounters.Snapshot(collect == true)), "application/json"));
app.MapRazorPages();
app.MapHumanConnect();
app.MapHandWrittenFinishes(tokensEndpoint, TestData.ClientSecret);
app.MapStandInHumanApi();

app.Run();
