namespace HumanConnect.AspNetCore.PackageTests.Infrastructure;

/// <summary>The repository these tests were built from: they pack its sources and read its README and CHANGELOG.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "HumanConnect.AspNetCore.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No HumanConnect.AspNetCore.sln above {AppContext.BaseDirectory}.");
    }
}
