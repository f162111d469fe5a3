using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>
/// The JSON calls the hosted Connect page makes (<c>open</c>, <c>source</c>, <c>done</c>), made over HTTP as the
/// page would, each expected to succeed. Shared by the sandbox-alone tests and the library-through-sandbox tests.
/// </summary>
internal static class HostedPageCalls
{
    public static Task<JsonElement> OpenAsync(HttpClient http, string prefix, object request) =>
        PostOkAsync(http, $"{prefix}/v1/ui/open", request);

    public static Task<JsonElement> SetSourceAsync(HttpClient http, string prefix, JsonElement view, string source, bool connected) =>
        PostOkAsync(http, $"{prefix}/v1/ui/source", new { sessionToken = view.GetProperty("sessionToken").GetString(), source, connected });

    public static Task<JsonElement> DoneAsync(HttpClient http, string prefix, JsonElement view) =>
        PostOkAsync(http, $"{prefix}/v1/ui/done", new { sessionToken = view.GetProperty("sessionToken").GetString() });

    private static async Task<JsonElement> PostOkAsync(HttpClient http, string path, object body)
    {
        using var response = await http.PostAsJsonAsync(path, body, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SandboxApp.ReadJsonAsync(response);
    }
}
