using System.Security.Cryptography;
using System.Text;

namespace HumanConnect.AspNetCore.TestInfrastructure;

/// <summary>
/// Values shaped like Human API's real ones (hex client credentials, 24-character humanIds, long access tokens), shared as source by every test
/// project and the benchmarks, so one client, one user and one set of tokens run through all of them. Tests against
/// the sandbox use its own public <c>HumanApiSandboxDefaults</c> credentials instead: these are not registered there.
/// </summary>
internal static class TestData
{
    public const string ClientId = "2e9574ecd415c99346879d07689ec1c732c11036";
    public const string OtherClientId = "9f0c1d2e3b4a5968778695a4b3c2d1e0f9a8b7c6";
    public const string ClientSecret = "ee1551fb509598d0b656811633310889dc306aa3";

    /// <summary>The Application API's credential: distinctive, so a leak is unmistakable.</summary>
    public const string AppKey = "APPKEY-5c0ffee15a1ad7e1e9a7b2d4c6e8a0b1";

    public const string HumanId = "52867cbede3155565f000a0d";
    public const string SessionToken = "8836c122c0483eb193ac2dd121136931";
    public const string PublicToken = "2767d6oea95f4c3db8e8f3d0a1238302";
    public const string NewPublicToken = "a95f4c3db8e8f3d0a1232767d6oe8399";
    public const string OldPublicToken = "0000aaaabbbbccccddddeeeeffff1111";

    /// <summary>Real access tokens are long and carry <c>=</c>; these are distinctive so a leak is unmistakable.</summary>
    public static readonly string AccessToken = "ACCESS-" + new string('q', 200) + "x9Zk==";
    public static readonly string OldAccessToken = "OLDACCESS-" + new string('w', 200) + "p3Lm==";

    public static readonly Uri TokensEndpoint = new("https://user.upstream.test/v1/connect/tokens");
    public static readonly Uri PublicTokensEndpoint = new("https://user.upstream.test/v1/connect/publictokens");

    public const string Alice = "alice";
    public const string Bob = "bob";

    /// <summary>A signed-in user who tries to use another user's session.</summary>
    public const string Mallory = "mallory";

    /// <summary>The default resolver's rule, computed independently: lowercase hex SHA-256 of the local user id.</summary>
    public static string ClientUserIdOf(string localUserId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(localUserId)));

    /// <summary>What Connect's finish callback hands the browser.</summary>
    public static Dictionary<string, string> SessionTokenObject() => new()
    {
        ["humanId"] = HumanId,
        ["clientId"] = ClientId,
        ["sessionToken"] = SessionToken,
    };

    /// <summary>Human API's answer to <c>POST tokens</c> for <paramref name="localUserId"/>.</summary>
    public static Dictionary<string, string> TokensAnswer(string localUserId = Alice) => new()
    {
        ["humanId"] = HumanId,
        ["accessToken"] = AccessToken,
        ["publicToken"] = PublicToken,
        ["clientId"] = ClientId,
        ["clientUserId"] = ClientUserIdOf(localUserId),
    };

    /// <summary>Tokens as they sit in the store after an earlier connect.</summary>
    public static HumanTokens StoredTokens(string localUserId = Alice, string? publicToken = OldPublicToken) =>
        new(HumanId, OldAccessToken, publicToken, ClientUserIdOf(localUserId));
}
