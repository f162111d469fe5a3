namespace HumanConnect.AspNetCore.Tests;

/// <summary>The data client's and the disconnect's settings.</summary>
public sealed partial class OptionsValidationTests
{
    [Theory]
    [InlineData(1023, 3, 5)]
    [InlineData(300 * 1024 * 1024, 3, 5)]
    [InlineData(4096, 0, 5)]
    [InlineData(4096, 11, 5)]
    [InlineData(4096, 3, -1)]
    [InlineData(4096, 3, 61)]
    public async Task The_data_client_settings_are_bounded(int maxBytes, int attempts, int maxDelaySeconds)
    {
        var failures = await AssertStartFailsAsync(o =>
        {
            o.MaxDataResponseBytes = maxBytes;
            o.DataApiMaxAttempts = attempts;
            o.DataApiMaxRetryDelay = TimeSpan.FromSeconds(maxDelaySeconds);
        });

        var failure = Assert.Single(failures);
        Assert.Matches("^HumanConnect:(MaxDataResponseBytes|DataApiMaxAttempts|DataApiMaxRetryDelay) ", failure);
    }

    [Theory]
    [InlineData("")]
    [InlineData("APPKEY with space")]
    public async Task An_App_Key_that_is_set_must_be_one_and_is_not_quoted_in_the_failure(string appKey)
    {
        var failures = await AssertStartFailsAsync(o => o.AppKey = appKey);

        var failure = Assert.Single(failures);
        Assert.StartsWith("HumanConnect:AppKey ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("with space", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_data_and_Application_API_bases_must_be_https_and_end_with_a_slash()
    {
        var failures = await AssertStartFailsAsync(o =>
        {
            o.DataApiBaseUrl = new Uri("http://api.humanapi.co/v1/human/");
            o.ApplicationApiBaseUrl = new Uri("https://api.humanapi.co/v1/apps");
        });

        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("HumanConnect:DataApiBaseUrl must use https", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("HumanConnect:ApplicationApiBaseUrl must end with '/'", StringComparison.Ordinal));
    }
}
