using System.Text.Json;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.LoadHost;

/// <summary>
/// A fast stand-in for Human API's <c>tokens</c> and <c>publictokens</c>: canned answers for
/// <see cref="TestData.Alice"/>, serialized once, whatever the request says. It lets every finish run end to end
/// without a single-use session token per request, and costs the host as little as an upstream call can.
/// </summary>
internal static class StandInHumanApi
{
    public const string TokensPath = "/stand-in/v1/connect/tokens";
    public const string PublicTokensPath = "/stand-in/v1/connect/publictokens";

    private static readonly byte[] Tokens = JsonSerializer.SerializeToUtf8Bytes(TestData.TokensAnswer(TestData.Alice));

    private static readonly byte[] PublicTokens = JsonSerializer.SerializeToUtf8Bytes(
        new Dictionary<string, string> { ["humanId"] = TestData.HumanId, ["publicToken"] = TestData.NewPublicToken });

    public static void MapStandInHumanApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TokensPath, () => Results.Bytes(Tokens, "application/json"));
        endpoints.MapPost(PublicTokensPath, () => Results.Bytes(PublicTokens, "application/json"));
    }
}
