using HumanConnect.AspNetCore.TestInfrastructure;

namespace HumanConnect.AspNetCore.Sandbox.Tests.Infrastructure;

/// <summary>The browser tests share one Chromium and run one after another: two cores host one browser well, not several.</summary>
[CollectionDefinition(Name)]
public sealed class SharedChromium : ICollectionFixture<DebianChromium>
{
    public const string Name = "chromium";
}
