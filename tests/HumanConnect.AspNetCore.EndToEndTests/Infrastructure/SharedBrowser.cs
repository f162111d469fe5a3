using HumanConnect.AspNetCore.TestInfrastructure;
namespace HumanConnect.AspNetCore.EndToEndTests.Infrastructure;

/// <summary>
/// Every browser test shares one Chromium and runs one after another: two cores cannot host several browsers
/// and several sample hosts at once without turning timeouts into flakes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<DebianChromium>
{
    public const string Name = "browser";
}
