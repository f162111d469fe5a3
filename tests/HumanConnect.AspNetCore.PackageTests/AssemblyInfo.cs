// Packing takes a minute or two: every test of the assembly shares one local feed.
[assembly: AssemblyFixture(typeof(HumanConnect.AspNetCore.PackageTests.Infrastructure.LocalFeed))]
