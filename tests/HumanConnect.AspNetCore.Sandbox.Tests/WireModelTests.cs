using HumanConnect.AspNetCore.Sandbox.Serialization;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The requests that carry the client secret never print it, nor the tokens beside it.</summary>
public sealed class WireModelTests
{
    private const string Secret = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c";
    private const string Token = "9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a49";

    public static TheoryData<object> Requests() =>
    [
        new TokensRequest("52867cbede3155565f000a0d", HumanApiSandboxDefaults.ClientId, Secret, Token),
        new PublicTokensRequest("52867cbede3155565f000a0d", HumanApiSandboxDefaults.ClientId, Secret),
        new SessionsRequest(HumanApiSandboxDefaults.ClientId, Secret, "user-1", Token, ["Starfleet Medical"]),
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public void ToString_redacts_the_client_secret_and_tokens(object request)
    {
        var text = request.ToString()!;

        Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.Contains("ClientSecret = [redacted]", text, StringComparison.Ordinal);
        Assert.Contains(HumanApiSandboxDefaults.ClientId, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_secret_prints_as_null_so_a_log_still_tells_what_was_sent()
    {
        var text = new PublicTokensRequest("h", HumanApiSandboxDefaults.ClientId, null).ToString();

        Assert.Contains("ClientSecret = null", text, StringComparison.Ordinal);
    }
}
