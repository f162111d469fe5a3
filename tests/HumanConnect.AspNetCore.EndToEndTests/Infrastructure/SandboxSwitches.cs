using System.Net.Http.Json;

namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>The sandbox's fault switch, over real HTTP, as a script would flip it.</summary>
public static class SandboxSwitches
{
    /// <summary>Makes the next call to the sandbox's <c>tokens</c> endpoint answer <paramref name="status"/>.</summary>
    public static async Task FailNextExchangeAsync(Uri root, int status)
    {
        using var http = new HttpClient { BaseAddress = root };
        using var response = await http.PostAsJsonAsync(
            "sandbox/v1/sandbox/faults", new { endpoint = "tokens", fault = "serverError", status, count = 1 }, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, response.StatusCode);
    }
}
