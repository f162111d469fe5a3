using HumanConnect.AspNetCore.HostileInputTests.Infrastructure;

namespace HumanConnect.AspNetCore.HostileInputTests;

/// <summary>Every family's cases, for the Development replay and the epilogue's count.</summary>
internal static class AllCases
{
    /// <summary>The cases of the legacy hosts.</summary>
    public static readonly CaseBook Book = new([
        .. JsonBodyCases.Book.All,
        .. FormBodyCases.Book.All,
        .. TransportCases.Book.All,
        .. ContentTypeAndMethodCases.Book.All,
        .. PathTrickCases.Book.All,
        .. AntiforgeryAndAuthCases.Book.All,
        .. SandboxCases.Book.All,
    ]);

    /// <summary>The cases of the Connect v2 hosts.</summary>
    public static readonly CaseBook ConnectV2Book = ConnectV2Cases.Book;
}
