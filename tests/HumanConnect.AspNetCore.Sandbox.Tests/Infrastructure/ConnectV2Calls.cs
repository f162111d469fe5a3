using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// Connect v2 over HTTP as a host's server (the token endpoint, snake_case) and the hosted v2 page's script (its JSON
/// calls) make them, on a sandbox mapped at <c>/sandbox</c>.
/// </summary>
internal static class ConnectV2Calls
{
    public const string TokenPath = "/sandbox/v1/connect/token";

    /// <summary><c>POST connect/token</c> with the sandbox's credentials, unless the body names others.</summary>
    public static Task<HttpResponseMessage> TokenAsync(HttpClient http, string type, string clientUserId, string clientSecret = SandboxApp.ClientSecret, string clientId = SandboxApp.ClientId) =>
        PostAsync(http, TokenPath, new Dictionary<string, string?>
        {
            ["type"] = type,
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["client_user_id"] = clientUserId,
        });

    /// <summary>A token of <paramref name="type"/>, asserting the endpoint answered 200.</summary>
    public static async Task<JsonElement> MintAsync(HttpClient http, string type, string clientUserId)
    {
        using var response = await TokenAsync(http, type, clientUserId);
        var body = await SandboxApp.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"type={type} answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The session token a new user's Connect opens with.</summary>
    public static async Task<string> SessionTokenAsync(HttpClient http, string clientUserId) =>
        (await MintAsync(http, "session", clientUserId)).GetProperty("session_token").GetString()!;

    public static Task<HttpResponseMessage> PageSessionAsync(HttpClient http, string? token) =>
        PostAsync(http, "/sandbox/hapi-connect/api/session", new { token });

    public static Task<HttpResponseMessage> PageSourceAsync(HttpClient http, string? token, string source, bool connected) =>
        PostAsync(http, "/sandbox/hapi-connect/api/source", new { token, source, connected });

    /// <summary>What the page does when the user connects <paramref name="source"/>; asserts it worked and returns the view.</summary>
    public static async Task<JsonElement> ConnectAsync(HttpClient http, string token, string source = "Starfleet Pharmacy", bool connected = true)
    {
        using var response = await PageSourceAsync(http, token, source, connected);
        var body = await SandboxApp.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"source answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>A user who connected <paramref name="source"/> in Connect v2: their human_id.</summary>
    public static async Task<string> ConnectNewUserAsync(HttpClient http, string clientUserId, string source = "Starfleet Pharmacy")
    {
        var session = await MintAsync(http, "session", clientUserId);
        await ConnectAsync(http, session.GetProperty("session_token").GetString()!, source);
        return session.GetProperty("human_id").GetString()!;
    }

    /// <summary>An access token for a user who has a connected source.</summary>
    public static async Task<string> AccessTokenAsync(HttpClient http, string clientUserId) =>
        (await MintAsync(http, "access", clientUserId)).GetProperty("access_token").GetString()!;

    /// <summary>Names (or ids) of a JSON array of <c>{name, id}</c>.</summary>
    public static string[] Names(JsonElement sources, string property = "name") =>
        [.. sources.EnumerateArray().Select(source => source.GetProperty(property).GetString()!)];

    /// <summary>Asserts Human API's newer error shape, with the request id of the header, and returns the body.</summary>
    public static async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        var body = await SandboxApp.ReadJsonAsync(response);
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, body.GetProperty("statusCode").GetInt32());
        Assert.True(error == body.GetProperty("error").GetString(), $"expected {error}: {body}");
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        Assert.True(Guid.TryParse(body.GetProperty("x-humanapi-request-id").GetString(), out _), body.ToString());
        return body;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body) =>
        http.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
}
