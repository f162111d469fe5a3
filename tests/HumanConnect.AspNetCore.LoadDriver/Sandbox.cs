using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace HumanConnect.AspNetCore.LoadDriver;

/// <summary>
/// The sample's embedded sandbox, seen from the server side: its <c>sessions</c> shortcut mints the sessionTokenObject
/// Connect's "Done" would (with the sandbox's public credentials), and its state file says which publicToken it now
/// accepts for each user: the truth the stored tokens are checked against.
/// </summary>
internal sealed class Sandbox(HttpClient http, Uri sessionsUrl, string stateFile)
{
    private const string ClientId = "85a8c1af233b29386954fb452f26033c3608c9bd";
    private const string ClientSecret = "a222093922b32027714b0cc5efd6bf666543bd72";

    /// <summary>
    /// A session token for <paramref name="user"/>: create mode when <paramref name="publicToken"/> is null (a new
    /// user), edit mode otherwise. Returned as the JSON body <c>finish</c> takes.
    /// </summary>
    public async Task<string> MintAsync(SampleUser user, string? publicToken)
    {
        using var answer = await http.PostAsJsonAsync(sessionsUrl, new { clientId = ClientId, clientSecret = ClientSecret, clientUserId = user.ClientUserId, publicToken });
        var body = await answer.Content.ReadAsStringAsync();
        return answer.StatusCode == HttpStatusCode.OK
            ? body
            : throw new InvalidOperationException($"The sandbox refused a session for {user.Name}: {(int)answer.StatusCode}.");
    }

    /// <summary>The humanId and publicToken the sandbox holds for each clientUserId, read from its state file.</summary>
    public Dictionary<string, (string HumanId, string PublicToken)> ReadUsers()
    {
        using var stream = File.OpenRead(stateFile);
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.GetProperty("humans").EnumerateArray().ToDictionary(
            human => human.GetProperty("clientUserId").GetString()!,
            human => (human.GetProperty("humanId").GetString()!, human.GetProperty("publicToken").GetString()!),
            StringComparer.Ordinal);
    }
}
