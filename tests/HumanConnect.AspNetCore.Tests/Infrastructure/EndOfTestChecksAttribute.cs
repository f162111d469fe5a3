using System.Collections.Concurrent;
using System.Reflection;
using HumanConnect.AspNetCore.Tests.Infrastructure;
using Xunit.v3;

[assembly: EndOfTestChecks]

namespace HumanConnect.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The safety net behind <see cref="TestApp.AssertCleanUpstreamAndNoLeaks"/>: after each test, fails a test that
/// passed without running that check on every <see cref="TestApp"/> it started, so no test drops the check unseen.
/// It adds nothing to a test that already failed: such a test stopped before its last line, where the check is, and
/// its own failure is the one to read.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class EndOfTestChecksAttribute : BeforeAfterTestAttribute
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<TestApp>> Started = new(StringComparer.Ordinal);

    /// <summary>Remembers an app the running test started.</summary>
    public static void Track(TestApp app)
    {
        if (TestContext.Current.Test is { } test)
        {
            Started.GetOrAdd(test.UniqueID, _ => new ConcurrentQueue<TestApp>()).Enqueue(app);
        }
    }

    public override void After(MethodInfo methodUnderTest, IXunitTest test)
    {
        // xunit sets the test's provisional result before the After attributes run.
        if (Started.TryRemove(test.UniqueID, out var apps) && TestContext.Current.TestState?.Result != TestResult.Failed)
        {
            var skipped = apps.Count(app => !app.EndOfTestCheckRan);
            Assert.True(skipped == 0, $"{test.TestDisplayName} started {apps.Count} TestApp(s) and never called " +
                $"{nameof(TestApp.AssertCleanUpstreamAndNoLeaks)}() on {skipped} of them: end the test with it.");
        }
    }
}
