namespace HumanConnect.AspNetCore.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Defaults_point_at_human_api() =>
        Assert.Equal("user.humanapi.co", HumanConnectDefaults.TokensEndpoint.Host);
}
