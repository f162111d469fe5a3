using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PublicApiGenerator;

namespace HumanConnect.AspNetCore.Tests.PublicApi;

/// <summary>
/// The public surface is deliberately thin. These snapshots make every change to it visible in review: a change
/// fails the test until the approved file is updated (delete it and run the test to write the new one).
/// </summary>
public sealed partial class PublicApiTests
{
    [Fact]
    public void The_library_public_api_is_unchanged() =>
        AssertApproved(typeof(HumanConnectOptions).Assembly.GeneratePublicApi(Options), "HumanConnect.AspNetCore.approved.txt");

    [Fact]
    public void The_sandbox_public_api_is_unchanged() =>
        AssertApproved(typeof(HumanConnect.AspNetCore.Sandbox.HumanApiSandboxOptions).Assembly.GeneratePublicApi(Options), "HumanConnect.AspNetCore.Sandbox.approved.txt");

    [Fact]
    public void The_testing_kit_public_api_is_unchanged() =>
        AssertApproved(typeof(HumanConnect.AspNetCore.Testing.HumanTokenStoreSpecification).Assembly.GeneratePublicApi(Options), "HumanConnect.AspNetCore.Testing.approved.txt");

    [Fact]
    public void The_entity_framework_store_public_api_is_unchanged() =>
        AssertApproved(typeof(HumanConnect.AspNetCore.EntityFrameworkCore.HumanTokenRecord).Assembly.GeneratePublicApi(Options), "HumanConnect.AspNetCore.EntityFrameworkCore.approved.txt");

    [Fact]
    public void The_redis_package_public_api_is_unchanged() =>
        AssertApproved(typeof(HumanConnect.AspNetCore.StackExchangeRedis.HumanConnectRedisOptions).Assembly.GeneratePublicApi(Options), "HumanConnect.AspNetCore.StackExchangeRedis.approved.txt");

    private static readonly ApiGeneratorOptions Options = new()
    {
        ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],

        // The registration and mapping extensions live in Microsoft.* namespaces, which the generator skips by default.
        DenyNamespacePrefixes = [],
    };

    private static void AssertApproved(string actual, string fileName, [CallerFilePath] string sourceFile = "")
    {
        var approvedPath = Path.Combine(Path.GetDirectoryName(sourceFile)!, fileName);
        actual = WithoutCallerInfo(actual.ReplaceLineEndings("\n"));
        if (!File.Exists(approvedPath))
        {
            // In CI a missing snapshot is a failure, never a silent approval.
            Assert.Fail(Environment.GetEnvironmentVariable("CI") is "true"
                ? $"{fileName} is missing: run the tests locally and commit the snapshot."
                : WriteSnapshot(approvedPath, actual));
        }

        Assert.Equal(File.ReadAllText(approvedPath).ReplaceLineEndings("\n"), actual);
    }

    /// <summary>
    /// xunit v3's <c>[Fact]</c> and <c>[Theory]</c> capture the caller's file path and line, which differ between
    /// checkouts (and move with every edit): the snapshot keeps that a method is a test, not where it was compiled.
    /// The generator wraps a long path into <c>"…" +</c> pieces on several lines, so a deep checkout must match too.
    /// </summary>
    private static string WithoutCallerInfo(string api) =>
        CallerInfoArguments().Replace(api, "[Xunit.$1]");

    [GeneratedRegex("""\[Xunit\.(Fact|Theory)\("[^"]*"(?:\s*\+\s*"[^"]*")*, \d+\)\]""")]
    private static partial Regex CallerInfoArguments();

    private static string WriteSnapshot(string path, string content)
    {
        File.WriteAllText(path, content);
        return $"Wrote {Path.GetFileName(path)}: review it, commit it, and run the test again.";
    }
}
