using HumanConnect.AspNetCore.Sandbox.Serialization;
using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests;

/// <summary>The requests that carry the client secret never print it, nor the tokens beside it.</summary>
public sealed class WireModelTests
{
    public static TheoryData<object> Requests() =>
    [
        new TokensRequest(TestData.HumanId, HumanApiSandboxDefaults.ClientId, TestData.ClientSecret, TestData.SessionToken),
        new PublicTokensRequest(TestData.HumanId, HumanApiSandboxDefaults.ClientId, TestData.ClientSecret),
        new SessionsRequest(HumanApiSandboxDefaults.ClientId, TestData.ClientSecret, "user-1", TestData.SessionToken, ["Starfleet Medical"]),
    ];

    [Theory]
    [MemberData(nameof(Requests))]
    public void ToString_redacts_the_client_secret_and_tokens(object request)
    {
        var text = request.ToString()!;

        Assert.DoesNotContain(TestData.ClientSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TestData.SessionToken, text, StringComparison.Ordinal);
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
