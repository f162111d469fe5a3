namespace HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

/// <summary>
/// A family of cases, looked up by name: theories take the name (so each case is reported by it, and the data
/// serializes), and find the case here.
/// </summary>
internal sealed class CaseBook
{
    private readonly Dictionary<string, HostileCase> _byName;

    public CaseBook(IEnumerable<HostileCase> cases)
    {
        All = [.. cases];
        _byName = All.ToDictionary(hostileCase => hostileCase.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<HostileCase> All { get; }

    public HostileCase this[string name] => _byName[name];

    public TheoryData<string> Names() => new(All.Select(hostileCase => hostileCase.Name));
}
