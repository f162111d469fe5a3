using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>
/// Every case again, against the same app run in Development, where the developer exception page would put any
/// exception, stack trace and all, into the body. The contract is the same; the stack-trace check now has teeth.
/// </summary>
public sealed class DevelopmentReplayCases
{
    private readonly HostileHosts _hosts;

    public DevelopmentReplayCases(HostileHosts hosts)
    {
        _hosts = hosts;
        CaseRunner.Prestart(hosts.Development, AllCases.Book.All.Where(hostileCase => hostileCase.Slow));
    }

    public static TheoryData<string> Names => AllCases.Book.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Holds_in_Development_too(string name) =>
        (await CaseRunner.RunAsync(_hosts.Development, AllCases.Book[name])).AssertClean();
}
